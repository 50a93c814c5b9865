import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { DirectoryEventType, type SubscriptionSecretRotatedV1 } from '@throughcare/contracts';
import { PermanentEventError, claimInboxEntry } from '@throughcare/messaging';
import { decryptSecret } from '@throughcare/webhooks';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { EndpointDrain } from '../delivery/endpoint-drain.service';
import type { DirectoryEvent } from './directory-events.messages';
import { RecipientOrganisationEntity } from './recipient-organisation.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

const CONSUMER = 'notifier.apply-directory-event';

/** Keeps the notifier's copy of organisations and webhook subscriptions. */
@Injectable()
export class ApplyDirectoryEventHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drain: EndpointDrain,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async execute(event: DirectoryEvent): Promise<void> {
    const enabled = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return;
      if (event.type === DirectoryEventType.OrganisationRegistered) {
        const organisation = event.data;
        await manager.upsert(
          RecipientOrganisationEntity,
          {
            organisationId: organisation.organisationId,
            type: organisation.type,
            name: organisation.name,
            localAuthorityCodes: organisation.localAuthorityCodes ?? [],
            establishments: organisation.establishments ?? [],
            spoc: organisation.spoc,
            secondContact: organisation.secondContact ?? null,
          },
          ['organisationId'],
        );
        return;
      }
      if (event.type === DirectoryEventType.OrganisationContactsChanged) {
        // Who the SPOC e-mails and the escalation's second step reach from now on (ACK-04).
        await manager.update(
          RecipientOrganisationEntity,
          { organisationId: event.data.organisationId },
          { spoc: event.data.spoc, secondContact: event.data.secondContact ?? null },
        );
        return;
      }
      if (event.type === DirectoryEventType.SubscriptionSecretRotated) {
        await this.rotateSecret(manager, event.data);
        return;
      }
      if (event.type === DirectoryEventType.SubscriptionEnabled) {
        const { subscriptionId } = event.data;
        await manager.update(
          WebhookSubscriptionEntity,
          { id: subscriptionId },
          { status: 'ACTIVE', failingSince: null, disabledAt: null },
        );
        return subscriptionId;
      }
      const subscription = event.data;
      this.assertSecretOpens(subscription.subscriptionId, subscription.encryptedSecret);
      await manager.upsert(
        WebhookSubscriptionEntity,
        {
          id: subscription.subscriptionId,
          organisationId: subscription.organisationId,
          url: subscription.url,
          types: subscription.types,
          encryptedSecret: subscription.encryptedSecret,
          status: 'ACTIVE',
        },
        ['id'],
      );
    });
    // Waiting notices go out in order once the endpoint is back (after the commit).
    if (enabled) this.drain.start(enabled);
  }

  /** Both secrets sign until the overlap ends, so the subscriber can switch without a gap. */
  private async rotateSecret(
    manager: EntityManager,
    rotated: SubscriptionSecretRotatedV1,
  ): Promise<void> {
    this.assertSecretOpens(rotated.subscriptionId, rotated.encryptedSecret);
    const current = await manager.findOneBy(WebhookSubscriptionEntity, {
      id: rotated.subscriptionId,
    });
    if (!current)
      throw new PermanentEventError(`subscription ${rotated.subscriptionId} is not known`);
    if (current.encryptedSecret === rotated.encryptedSecret) return;
    await manager.update(
      WebhookSubscriptionEntity,
      { id: rotated.subscriptionId },
      {
        encryptedSecret: rotated.encryptedSecret,
        previousEncryptedSecret: current.encryptedSecret,
        previousSecretValidUntil: new Date(rotated.previousSecretValidUntil),
      },
    );
  }

  /** A subscription this hub cannot sign for is refused now, not discovered at the first notice. */
  private assertSecretOpens(subscriptionId: string, encryptedSecret: string): void {
    try {
      decryptSecret(encryptedSecret, this.config.secretKey);
    } catch {
      throw new PermanentEventError(
        `subscription ${subscriptionId}: encryptedSecret does not open with HUB_SECRET_KEY`,
      );
    }
  }
}
