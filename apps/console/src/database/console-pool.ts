export const CONSOLE_POOL = Symbol('CONSOLE_POOL');
export const CONSOLE_REDIS = Symbol('CONSOLE_REDIS');
