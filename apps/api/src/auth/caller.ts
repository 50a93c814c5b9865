import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export const ROLES = ['admin', 'prison', 'subscriber'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by the API key guard. */
export interface Caller {
  /** The API key's id ('admin' for HUB_ADMIN_KEY): what its request limit is counted against. */
  keyId?: string;
  role: Role;
  organisationId?: string;
  establishments: string[];
}

export type AuthenticatedRequest = Request & { caller?: Caller };

export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
    if (!caller) throw new Error('CurrentCaller used on a route without ApiKeyGuard');
    return caller;
  },
);
