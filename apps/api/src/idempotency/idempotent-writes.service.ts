import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { DomainError, DomainErrorCode } from '@throughcare/contracts';

import type { Caller } from '../auth/caller';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import type { WriteRoute } from './write-route';
import { requestHash } from './request-hash';

/**
 * A write as the caller sent it: its route (method, path, the status it answers with, stored for
 * the replay, and the Idempotency-Key if any), who called and the validated body.
 */
export interface IdempotentRequest extends WriteRoute {
  caller: Caller;
  body: unknown;
}

export interface WriteOutcome<T> {
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** Keys are scoped per caller: `<role>:<organisationId>`, or the role alone (the environment's admin key). */
export function callerIdentity(caller: Caller): string {
  return caller.organisationId ? `${caller.role}:${caller.organisationId}` : caller.role;
}

/**
 * docs/hub-interface.md §3: "Every write takes an Idempotency-Key header ...: a retry returns the first
 * answer and changes nothing". `once` runs the write in a transaction of its own, so the stored
 * answer commits with the effect or not at all; a refused request stores nothing and may be
 * retried under the same key. Without a key the write just happens (in its transaction).
 */
@Injectable()
export class IdempotentWrites {
  private readonly logger = new Logger(IdempotentWrites.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  once<T extends object>(
    request: IdempotentRequest,
    write: (manager: EntityManager) => Promise<T>,
  ): Promise<WriteOutcome<T>> {
    return this.dataSource.transaction((manager) => this.onceIn(manager, request, write));
  }

  private async onceIn<T extends object>(
    manager: EntityManager,
    request: IdempotentRequest,
    write: (manager: EntityManager) => Promise<T>,
  ): Promise<WriteOutcome<T>> {
    if (request.key === undefined) return { body: await write(manager), replayed: false };
    const caller = callerIdentity(request.caller);
    const hash = requestHash(request.body);
    // Two retries in flight at once: the second waits here until the first commits, then replays it.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `idempotency-key:${caller}:${request.key}`,
    ]);
    const stored = await manager.findOneBy(IdempotencyKeyEntity, { caller, key: request.key });
    if (stored) return { body: this.replay(stored, request, hash) as T, replayed: true };
    const body = await write(manager);
    await manager.insert(IdempotencyKeyEntity, {
      caller,
      key: request.key,
      method: request.method,
      path: request.path,
      requestHash: hash,
      responseStatus: request.status,
      responseBody: body,
      createdAt: this.clock.now(),
    });
    return { body, replayed: false };
  }

  private replay(stored: IdempotencyKeyEntity, request: IdempotentRequest, hash: string): unknown {
    const same =
      stored.method === request.method &&
      stored.path === request.path &&
      stored.requestHash === hash;
    if (!same) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyReused,
        `Idempotency-Key ${request.key} was already used for a different request (${stored.method} ${stored.path}); use a new key for a new request`,
      );
    }
    this.logger.log(
      `replayed ${request.method} ${request.path} for ${callerIdentity(request.caller)}`,
    );
    return stored.responseBody;
  }
}
