import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';

import {
  DeliveryEventType,
  Topics,
  buildCloudEvent,
  type EndpointDisabledV1,
} from '@throughcare/contracts';
import { writeOutbox } from '@throughcare/messaging';

import { METRICS_REGISTRY } from '@throughcare/observability';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { EmailSender } from '../email/email-sender.service';
import { endpointDisabledEmail } from '../email/notice-email';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { changeDelivery } from './delivery-ledger';
import { DeliveryEntity } from './delivery.entity';
import type { WebhookResult } from './webhook-sender';

/**
 * Tracks each endpoint's health as Svix does: one success clears it; failing without a single
 * success for ENDPOINT_DISABLE_AFTER disables it, pauses its notices (nothing is lost: they wait,
 * PAUSED) and e-mails the organisation's SPOC how to switch it back on.
 */
@Injectable()
export class EndpointHealth {
  private readonly logger = new Logger(EndpointHealth.name);
  private readonly disabled: Counter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly email: EmailSender,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.disabled = new Counter({
      name: 'throughcare_endpoints_disabled_total',
      help: 'Webhook endpoints disabled after failing continuously',
      registers: [registry],
    });
  }

  async record(subscriptionId: string, result: WebhookResult): Promise<void> {
    const repository = this.dataSource.getRepository(WebhookSubscriptionEntity);
    if (result.error === null) {
      await repository.update({ id: subscriptionId }, { failingSince: null });
      return;
    }
    // Real time: endpoint health, like retry delays, is about the subscriber's real outage.
    const now = new Date();
    const outcome = await this.dataSource.transaction(async (manager) => {
      // An UPDATE ... RETURNING answers [rows, affected] through TypeORM's pg driver.
      const [rows] = (await manager.query(
        `UPDATE notifier.webhook_subscription SET failing_since = COALESCE(failing_since, $2)
          WHERE id = $1 RETURNING failing_since, status, organisation_id`,
        [subscriptionId, now],
      )) as [Array<{ failing_since: Date; status: string; organisation_id: string }>, number];
      const row = rows[0];
      if (!row || row.status !== 'ACTIVE') return null;
      if (now.getTime() - row.failing_since.getTime() < this.config.delivery.endpointDisableAfterMs)
        return null;
      await manager.update(
        WebhookSubscriptionEntity,
        { id: subscriptionId, status: 'ACTIVE' },
        { status: 'DISABLED', disabledAt: now },
      );
      const waiting = await manager.findBy(DeliveryEntity, {
        subscriptionId,
        status: 'PENDING',
      });
      for (const delivery of waiting)
        await changeDelivery(manager, delivery.id, { status: 'PAUSED', nextAttemptAt: null }, [
          'PENDING',
        ]);
      const paused = await manager.countBy(DeliveryEntity, { subscriptionId, status: 'PAUSED' });
      await publishDisabled(manager, row.organisation_id, {
        subscriptionId,
        organisationId: row.organisation_id,
        failingSince: row.failing_since.toISOString(),
        disabledAt: now.toISOString(),
        paused,
      });
      return { failingSince: row.failing_since, paused };
    });
    if (!outcome) return;
    this.disabled.inc();
    const subscription = await repository.findOneByOrFail({ id: subscriptionId });
    this.logger.warn(
      `endpoint ${subscriptionId} disabled: failing since ${outcome.failingSince.toISOString()}, ${outcome.paused} notice(s) paused`,
    );
    const organisation = await this.dataSource
      .getRepository(RecipientOrganisationEntity)
      .findOneBy({ organisationId: subscription.organisationId });
    if (!organisation) return;
    const sent = await this.email.send(
      endpointDisabledEmail(
        organisation.spoc.email,
        { id: subscription.id, url: subscription.url, failingSince: outcome.failingSince },
        outcome.paused,
      ),
    );
    if (sent.error)
      this.logger.warn(`could not tell the SPOC of ${subscription.organisationId}: ${sent.error}`);
  }
}

/** Tells the API (and any other reader of the delivery topic) that the endpoint is off. */
async function publishDisabled(
  manager: EntityManager,
  organisationId: string,
  data: EndpointDisabledV1,
): Promise<void> {
  await writeOutbox(manager, NOTIFIER_SCHEMA, [
    {
      topic: Topics.Delivery,
      key: organisationId,
      event: buildCloudEvent({
        id: `endpoint-disabled:${data.subscriptionId}:${data.disabledAt}`,
        type: DeliveryEventType.EndpointDisabled,
        time: new Date(data.disabledAt),
        data,
      }),
    },
  ]);
}
