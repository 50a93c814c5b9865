import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import {
  DirectoryEventType,
  type OrganisationV1,
  type SubscriptionRegisteredV1,
} from '@throughcare/contracts';
import { PermanentEventError, claimInboxEntry, type ValidEvent } from '@throughcare/messaging';
import { decryptSecret } from '@throughcare/webhooks';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { RecipientOrganisationEntity } from './recipient-organisation.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

const CONSUMER = 'notifier.apply-directory-event';

/** Keeps the notifier's copy of organisations and webhook subscriptions. */
@Injectable()
export class ApplyDirectoryEventHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async execute(event: ValidEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return;
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
      this.assertSecretOpens(subscription);
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

  /** A subscription this hub cannot sign for is refused now, not discovered at the first notice. */
  private assertSecretOpens(subscription: SubscriptionRegisteredV1): void {
    try {
      decryptSecret(subscription.encryptedSecret, this.config.secretKey);
    } catch {
      throw new PermanentEventError(
        `subscription ${subscription.subscriptionId}: encryptedSecret does not open with HUB_SECRET_KEY`,
      );
    }
  }
}
