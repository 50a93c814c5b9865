import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DirectoryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type OrganisationV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { Caller } from '../auth/caller';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { OrganisationEntity } from './organisation.entity';
import type { WriteRoute } from '../idempotency/write-route';

/** Registers an organisation and tells the other services (directory topic) in one transaction. */
@Injectable()
export class RegisterOrganisationHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    organisation: OrganisationV1,
    caller: Caller,
    route: WriteRoute,
  ): Promise<WriteOutcome<{ organisationId: string }>> {
    const request = {
      ...route,
      caller,
      body: organisation,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      await this.register(manager, organisation);
      return { organisationId: organisation.organisationId };
    });
  }

  private async register(manager: EntityManager, organisation: OrganisationV1): Promise<void> {
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
    await this.outbox.write(manager, [
      { topic: Topics.Directory, key: organisation.organisationId, event },
    ]);
  }
}
