export * from './lib/correlation-id';
export * from './lib/logging/logger.module';
export * from './lib/logging/personal-data-redaction';
export * from './lib/metrics/metrics.module';
export * from './lib/health/health.module';
export * from './lib/health/standard-checks';
export * from './lib/logging/credential-redaction';
