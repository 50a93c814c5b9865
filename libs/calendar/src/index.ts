export * from './lib/bank-holidays';
export * from './lib/working-days';
export * from './lib/release-milestones';
export * from './lib/working-hours';
