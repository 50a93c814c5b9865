import { randomBytes, randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { DomainError, DomainErrorCode, type ApiKeyRequestV1 } from '@throughcare/contracts';

import { OrganisationEntity } from '../directory/organisation.entity';
import { ApiKeyEntity } from './api-key.entity';
import { hashApiKey } from './api-key.guard';

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
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(request: ApiKeyRequestV1): Promise<ApiKeyIssued> {
    const organisation = await this.dataSource
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
    await this.dataSource.getRepository(ApiKeyEntity).insert(row);
    return {
      id: row.id,
      organisationId: row.organisationId,
      role: row.role,
      establishments: row.establishments,
      key,
    };
  }

  async revoke(id: string): Promise<void> {
    const result = await this.dataSource
      .getRepository(ApiKeyEntity)
      .update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    if (!result.affected)
      throw new DomainError(DomainErrorCode.NotFound, `no active API key ${id}`);
  }
}
