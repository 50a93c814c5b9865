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
import type { Response } from 'express';
import { DataSource, IsNull } from 'typeorm';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { problem } from '../http/problem-details';
import { RateLimits } from '../rate-limits/rate-limits.service';
import { TooManyRequests, type Throttled } from '../rate-limits/too-many-requests';
import { ApiKeyEntity } from './api-key.entity';
import type { AuthenticatedRequest, Caller, Role } from './caller';

export type { Role } from './caller';

export const ROLES_KEY = 'throughcare:roles';

/** Roles allowed to call a route; admin is always allowed. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Bearer API keys (the HTTP API contract, docs/openapi.yaml): no key or an unknown or revoked one 401, wrong role 403.
 * Failed authentications are counted per client address and lock it out for a while (RATE-3 in
 * docs/security/access-rules.md, checked before any key is looked at, so a locked-out address
 * cannot tell a right key from a wrong one); each key's requests are counted (RATE-1).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  /** HUB_ADMIN_KEY's hash, when one is configured; other keys are looked up in api_key. */
  private readonly adminKeyHash: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly rateLimits: RateLimits,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.adminKeyHash = config.adminKey ? Buffer.from(hashApiKey(config.adminKey), 'hex') : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true; // routes without @AllowRoles are public (health, metrics, OpenAPI)
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    refuseIfThrottled(response, await this.rateLimits.failedAuthLockout(address));
    const caller = await this.authenticate(request.headers.authorization).catch(async (error) => {
      refuseIfThrottled(response, await this.rateLimits.recordFailedAuth(address));
      throw error;
    });
    refuseIfThrottled(response, await this.rateLimits.consumeForKey(caller.keyId ?? 'admin'));
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
    if (this.adminKeyHash && timingSafeEqual(Buffer.from(hash, 'hex'), this.adminKeyHash))
      return { role: 'admin', establishments: [], keyId: 'admin' };
    const key = await this.dataSource
      .getRepository(ApiKeyEntity)
      .findOneBy({ keyHash: hash, revokedAt: IsNull() });
    if (!key)
      throw new UnauthorizedException(
        problem(401, 'unauthenticated', 'The API key is not recognised or was revoked'),
      );
    return {
      keyId: key.id,
      role: key.role,
      // The first admin key (created at first start) belongs to no organisation.
      organisationId: key.organisationId ?? undefined,
      establishments: key.establishments,
    };
  }
}

/** A 429 with Retry-After, answered by the problem+json filter. */
function refuseIfThrottled(response: Response, throttled: Throttled | null): void {
  if (!throttled) return;
  response.setHeader('Retry-After', String(throttled.retryAfterSeconds));
  throw new TooManyRequests(throttled);
}
