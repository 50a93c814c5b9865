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
import { DataSource, IsNull } from 'typeorm';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { problem } from '../http/problem-details';
import { ApiKeyEntity } from './api-key.entity';
import type { AuthenticatedRequest, Caller, Role } from './caller';

export type { Role } from './caller';

const ROLES_KEY = 'throughcare:roles';

/** Roles allowed to call a route; admin is always allowed. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Bearer API keys (contract.md §3): no key or an unknown or revoked one 401, wrong role 403. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly adminKeyHash: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.adminKeyHash = Buffer.from(hashApiKey(config.adminKey), 'hex');
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true; // routes without @AllowRoles are public (health, metrics, OpenAPI)
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticate(request.headers.authorization);
    if (caller.role !== 'admin' && !roles.includes(caller.role)) {
      throw new ForbiddenException(
        problem(
          403,
          'forbidden',
          'This key may not do that',
          `A ${caller.role} key cannot call this endpoint`,
        ),
      );
    }
    request.caller = caller;
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Caller> {
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token)
      throw new UnauthorizedException(
        problem(
          401,
          'unauthenticated',
          'An API key is required',
          'Send Authorization: Bearer <key>',
        ),
      );
    const hash = hashApiKey(token);
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.adminKeyHash))
      return { role: 'admin', establishments: [] };
    const key = await this.dataSource
      .getRepository(ApiKeyEntity)
      .findOneBy({ keyHash: hash, revokedAt: IsNull() });
    if (!key)
      throw new UnauthorizedException(
        problem(401, 'unauthenticated', 'The API key is not recognised or was revoked'),
      );
    return {
      role: key.role,
      organisationId: key.organisationId,
      establishments: key.establishments,
    };
  }
}
