export * from './lib/custody-episode';
export * from './lib/decide-intake';
export * from './lib/intake-access';
