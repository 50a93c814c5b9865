export * from './lib/hybrid-service.bootstrap';
export * from './lib/service-infrastructure.module';
