export * from './lib/disclosure-fields';
export * from './lib/recipient-role';
export * from './lib/consent-state';
export * from './lib/notice-kind';
export * from './lib/disclosure-rules';
export * from './lib/decide-disclosure';
export * from './lib/consent-withdrawal';
export * from './lib/route-notice';
