import { ForbiddenException } from '@nestjs/common';

import { problem } from '../http/problem-details';
import type { Caller } from './caller';

/**
 * A prison key acts only for its own establishments; an admin for all (the HTTP API contract: a wrong
 * scope is a 403). `establishment` null or undefined: the thing is at no prison the key covers.
 */
export function assertCallerCovers(
  caller: Caller,
  establishment: string | null | undefined,
  detail = `Your key is not for ${establishment ?? 'that establishment'}`,
): void {
  if (caller.role !== 'prison') return;
  if (establishment && caller.establishments.includes(establishment)) return;
  throw new ForbiddenException(problem(403, 'forbidden', 'Not your establishment', detail));
}
