import { createHash, timingSafeEqual } from 'node:crypto';

import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { problem } from '../http/problem-details';

export type Role = 'admin' | 'prison' | 'subscriber';

export interface Caller {
  role: Role;
  organisationId?: string;
  establishments: string[];
}

const ROLES_KEY = 'throughcare:roles';

/** Roles allowed to call a route; admin is always allowed. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Bearer API keys (contract.md §3): no key 401, wrong role 403. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly adminKeyDigest: Buffer;

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.adminKeyDigest = digest(config.adminKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true; // routes without @AllowRoles are public (health, metrics)
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const caller = this.authenticate(request.headers.authorization);
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenException(problem(403, 'forbidden', 'This key may not do that'));
    }
    request.caller = caller;
    return true;
  }

  private authenticate(header: string | undefined): Caller {
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token)
      throw new UnauthorizedException(problem(401, 'unauthenticated', 'An API key is required'));
    if (timingSafeEqual(digest(token), this.adminKeyDigest))
      return { role: 'admin', establishments: [] };
    throw new UnauthorizedException(
      problem(401, 'unauthenticated', 'The API key is not recognised'),
    );
  }
}
