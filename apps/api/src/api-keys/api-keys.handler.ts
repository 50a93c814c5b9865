import { randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { DomainError, DomainErrorCode, type ApiKeyRequestV1 } from '@throughcare/contracts';

import { OrganisationEntity } from '../directory/organisation.entity';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { hashApiKey } from '../auth/api-key.guard';
import type { Caller } from '../auth/caller';
import type { WriteRoute } from '../idempotency/write-route';

export interface ApiKeyIssued {
  id: string;
  organisationId: string;
  role: string;
  establishments: string[];
  /** Shown once; only its hash is kept. */
  key: string;
}

/** Issues and revokes API keys (admin only). */
@Injectable()
export class ApiKeysHandler {
  constructor(
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A retry under the same Idempotency-Key issues no second key. It cannot answer the first key
   * again: a key is shown once and kept only as its hash (the HTTP API contract, docs/openapi.yaml), so the retry is told
   * which key it issued, to revoke and issue anew if the answer was lost.
   */
  async issue(request: ApiKeyRequestV1, caller: Caller, route: WriteRoute): Promise<ApiKeyIssued> {
    const write = {
      ...route,
      caller,
      body: request,
    };
    let shownOnce: string | undefined;
    const outcome = await this.idempotentWrites.once(write, async (manager) => {
      const { key, ...issued } = await this.insertKey(manager, request);
      shownOnce = key;
      return issued;
    });
    if (outcome.replayed || shownOnce === undefined)
      throw new DomainError(
        DomainErrorCode.Conflict,
        `Idempotency-Key ${route.key ?? ''} already issued API key ${outcome.body.id}; a key is shown once and kept only as its hash, so it cannot be shown again: if its answer was lost, revoke it (DELETE /v1/api-keys/${outcome.body.id}) and issue a new one`,
      );
    return { ...outcome.body, key: shownOnce };
  }

  private async insertKey(manager: EntityManager, request: ApiKeyRequestV1): Promise<ApiKeyIssued> {
    const organisation = await manager
      .getRepository(OrganisationEntity)
      .findOneBy({ organisationId: request.organisationId });
    if (!organisation)
      throw new DomainError(
        DomainErrorCode.NotFound,
        `organisation ${request.organisationId} is not registered`,
      );
    const key = `thk_${randomBytes(32).toString('base64url')}`;
    const row: ApiKeyEntity = {
      id: randomUUID(),
      organisationId: request.organisationId,
      role: request.role,
      establishments: request.role === 'prison' ? (request.establishments ?? []) : [],
      keyHash: hashApiKey(key),
      createdAt: this.clock.now(),
      revokedAt: null,
    };
    await manager.getRepository(ApiKeyEntity).insert(row);
    return {
      id: row.id,
      organisationId: request.organisationId,
      role: row.role,
      establishments: row.establishments,
      key,
    };
  }

  /** A retry under the same Idempotency-Key answers 204 again; without one, 404 once revoked. */
  revoke(
    id: string,
    caller: Caller,
    route: WriteRoute,
  ): Promise<WriteOutcome<{ revoked: string }>> {
    const write = {
      ...route,
      caller,
      body: {},
    };
    return this.idempotentWrites.once(write, async (manager) => {
      const result = await manager
        .getRepository(ApiKeyEntity)
        .update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      if (!result.affected)
        throw new DomainError(DomainErrorCode.NotFound, `no active API key ${id}`);
      return { revoked: id };
    });
  }
}
