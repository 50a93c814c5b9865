export * from './lib/data-source.factory';
export * from './lib/snake-naming.strategy';
export * from './lib/ensure-database';
export * from './lib/database-roles';
export * from './lib/runtime-role-grants';
