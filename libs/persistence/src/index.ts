export * from './lib/data-source.factory';
export * from './lib/snake-naming.strategy';
export * from './lib/ensure-database';
