import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';

import { ServiceEnv } from './service.env';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates the environment once at start. The message lists `VARIABLE: constraint` lines and
 * never the values, which may be secrets.
 */
export function validateEnv<T extends object>(cls: ClassConstructor<T>, raw: NodeJS.ProcessEnv): T {
  // Empty values count as unset, so defaults apply; unknown variables are ignored.
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(cls, present, { exposeDefaultValues: true });
  const problems = validateSync(env).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  const all = [...problems, ...(env instanceof ServiceEnv ? env.crossCheck() : [])];
  if (all.length > 0) throw new ConfigValidationError(all);
  return env;
}
