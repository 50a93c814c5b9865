import type { ClassConstructor } from 'class-transformer';

import { validatePayload } from '@throughcare/contracts';

/**
 * A message's data a test read off a topic, checked against its contract class and typed as it:
 * the test asserts on what the contract promises instead of casting what it hopes arrived.
 */
export function validated<T extends object>(cls: ClassConstructor<T>, data: unknown): T {
  assertValid(cls, data);
  return data;
}

function assertValid<T extends object>(cls: ClassConstructor<T>, data: unknown): asserts data is T {
  const result = validatePayload(cls, data);
  if (!result.ok) throw new Error(`${cls.name} invalid: ${JSON.stringify(result.errors)}`);
}
