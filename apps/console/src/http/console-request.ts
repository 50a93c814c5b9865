import {
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';

import type { StaffIdentity, StaffRole } from '../accounts/staff-account';
import type { Session } from '../sessions/session-store';

export type ConsoleRequest = Request & { consoleSession?: Session; cspNonce?: string };

const ROLES_KEY = 'console:roles';

/** Roles that may open a page; admin opens every page. Pages without it need no sign-in. */
export const ForRoles = (...roles: StaffRole[]) => SetMetadata(ROLES_KEY, roles);
export const ROLES_METADATA = ROLES_KEY;

export function sessionOf(request: ConsoleRequest): Session {
  if (!request.consoleSession) throw new Error('the session middleware did not run');
  return request.consoleSession;
}

/** The signed-in person; a guarded route always has one. */
export const SignedInPerson = createParamDecorator(
  (_data: unknown, context: ExecutionContext): StaffIdentity => {
    const identity = context.switchToHttp().getRequest<ConsoleRequest>().consoleSession
      ?.data.identity;
    if (!identity) throw new UnauthorizedException();
    return identity;
  },
);

/** A 403 page saying what the person may not open (CSL-4), never what is there. */
export class NotYours extends ForbiddenException {
  constructor(message = 'You do not have access to this page') {
    super(message);
  }
}
