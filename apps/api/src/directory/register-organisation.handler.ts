import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DirectoryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type OrganisationV1,
} from '@throughcare/contracts';
import { writeOutbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import { API_SCHEMA } from '../database/api.data-source';
import { OrganisationEntity } from './organisation.entity';

/** Registers an organisation and tells the other services (directory topic) in one transaction. */
@Injectable()
export class RegisterOrganisationHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(organisation: OrganisationV1): Promise<{ organisationId: string }> {
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(OrganisationEntity)
        .values({
          ...organisation,
          localAuthorityCodes: organisation.localAuthorityCodes ?? [],
          establishments: organisation.establishments ?? [],
          createdAt: this.clock.now(),
        })
        .orIgnore()
        .returning(['organisationId'])
        .execute();
      if (inserted.raw.length === 0) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `organisation ${organisation.organisationId} is already registered`,
        );
      }
      const event = buildCloudEvent({
        id: `organisation-registered:${organisation.organisationId}`,
        type: DirectoryEventType.OrganisationRegistered,
        time: this.clock.now(),
        data: { ...organisation },
        correlationId: correlationIdOrNew(),
      });
      await writeOutbox(manager, API_SCHEMA, [
        { topic: Topics.Directory, key: organisation.organisationId, event },
      ]);
    });
    return { organisationId: organisation.organisationId };
  }
}
