import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { StaffRole } from '../accounts/staff-account';
import { type ConsoleRequest, NotYours, ROLES_METADATA } from './console-request';

/** A page for some roles needs a full sign-in (password and, when enrolled, a code) and one of them. */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const identity = context.switchToHttp().getRequest<ConsoleRequest>().consoleSession
      ?.data.identity;
    if (!identity) throw new UnauthorizedException();
    if (identity.role !== 'admin' && !roles.includes(identity.role)) throw new NotYours();
    return true;
  }
}
