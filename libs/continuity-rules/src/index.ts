export * from './lib/dir-episodes';
export * from './lib/custody-movement-of';
export * from './lib/bridging-requests';
export * from './lib/naloxone-expectation';
export * from './lib/release-plan-essentials';
export * from './lib/treatment-summary';
export * from './lib/two-day-milestone';
export * from './lib/throughcare-measures';
