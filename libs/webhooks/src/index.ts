export * from './lib/standard-webhooks';
export * from './lib/webhook-url-policy';
export * from './lib/resolve-webhook-target';
export * from './lib/secret-cipher';
export * from './lib/static-hosts';
