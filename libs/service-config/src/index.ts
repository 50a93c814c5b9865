export * from './lib/service.env';
export * from './lib/validate-env';
export * from './lib/clock-from-env';
export * from './lib/migration.env';
export * from './lib/service.config';
export * from './lib/calendar.env';
export * from './lib/retention.env';
