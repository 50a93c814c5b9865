import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DirectoryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type OrganisationContactsChangedV1,
  type OrganisationContactsV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { Caller } from '../auth/caller';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import type { WriteRoute } from '../idempotency/write-route';
import { type OrganisationView, toOrganisationView } from './list-organisations.query';
import { OrganisationEntity } from './organisation.entity';

/**
 * Replaces an organisation's single point of contact and second contact (the console's
 * organisation page), and tells the notifier, whose e-mails and escalation reach them (ACK-04),
 * in the same transaction (directory topic).
 */
@Injectable()
export class ChangeOrganisationContactsHandler {
  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    organisationId: string,
    contacts: OrganisationContactsV1,
    caller: Caller,
    route: WriteRoute,
  ): Promise<WriteOutcome<OrganisationView>> {
    const request = { ...route, caller, body: { organisationId, ...contacts } };
    return this.idempotentWrites.once(request, (manager) =>
      this.change(manager, organisationId, contacts),
    );
  }

  private async change(
    manager: EntityManager,
    organisationId: string,
    contacts: OrganisationContactsV1,
  ): Promise<OrganisationView> {
    const repository = manager.getRepository(OrganisationEntity);
    const organisation = await repository.findOne({
      where: { organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!organisation)
      throw new DomainError(DomainErrorCode.NotFound, `no organisation ${organisationId}`);
    organisation.spoc = contacts.spoc;
    organisation.secondContact = contacts.secondContact ?? null;
    await repository.save(organisation);
    const data: OrganisationContactsChangedV1 = {
      organisationId,
      spoc: contacts.spoc,
      ...(contacts.secondContact ? { secondContact: contacts.secondContact } : {}),
    };
    const event = buildCloudEvent({
      // Each change is an event of its own: the notifier's inbox must not take it for a repeat.
      id: `organisation-contacts-changed:${organisationId}:${randomUUID()}`,
      type: DirectoryEventType.OrganisationContactsChanged,
      time: this.clock.now(),
      data,
      correlationId: correlationIdOrNew(),
    });
    await this.outbox.write(manager, [{ topic: Topics.Directory, key: organisationId, event }]);
    return toOrganisationView(organisation);
  }
}
