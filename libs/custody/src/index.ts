export * from './lib/custody-episode';
export * from './lib/decide-intake';
