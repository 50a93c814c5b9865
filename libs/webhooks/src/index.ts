export * from './lib/standard-webhooks';
export * from './lib/webhook-url-policy';
export * from './lib/secret-cipher';
