import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DirectoryEventType, type OrganisationV1, type SubscriptionRegisteredV1 } from '@throughcare/contracts';
import { claimInboxEntry, type ValidEvent } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { RecipientOrganisationEntity } from './recipient-organisation.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

const CONSUMER = 'notifier.apply-directory-event';

/** Keeps the notifier's copy of organisations and webhook subscriptions. */
@Injectable()
export class ApplyDirectoryEventHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(event: ValidEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))) return;
      if (event.envelope.type === DirectoryEventType.OrganisationRegistered) {
        const organisation = event.envelope.data as OrganisationV1;
        await manager.upsert(
          RecipientOrganisationEntity,
          {
            organisationId: organisation.organisationId,
            type: organisation.type,
            name: organisation.name,
            localAuthorityCodes: organisation.localAuthorityCodes ?? [],
            establishments: organisation.establishments ?? [],
            spoc: organisation.spoc,
          },
          ['organisationId'],
        );
        return;
      }
      const subscription = event.envelope.data as SubscriptionRegisteredV1;
      await manager.upsert(
        WebhookSubscriptionEntity,
        {
          id: subscription.subscriptionId,
          organisationId: subscription.organisationId,
          url: subscription.url,
          types: subscription.types,
          encryptedSecret: subscription.encryptedSecret,
        },
        ['id'],
      );
    });
  }
}
