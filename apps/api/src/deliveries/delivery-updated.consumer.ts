import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DeliveryEventType,
  DeliveryUpdatedV1,
  EndpointDisabledV1,
  Topics,
} from '@throughcare/contracts';
import { ConsumedEventRunner, consumes } from '@throughcare/messaging';

const DELIVERY_UPDATES = consumes(Topics.Delivery, {
  [DeliveryEventType.DeliveryUpdated]: DeliveryUpdatedV1,
  [DeliveryEventType.EndpointDisabled]: EndpointDisabledV1,
});

// Insert, or overwrite only with a higher revision: a redelivered or overtaken update is a no-op,
// in one statement, so two consumers racing on the same delivery cannot go backwards either.
const UPSERT_IF_NEWER = `
  INSERT INTO api.delivery (delivery_id, notice_id, notice_type, organisation_id, subscription_id,
    channel, status, created_at, next_attempt_at, delivered_at, replays, attempts, revision, received_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
  ON CONFLICT (delivery_id) DO UPDATE SET
    notice_id = EXCLUDED.notice_id, notice_type = EXCLUDED.notice_type,
    organisation_id = EXCLUDED.organisation_id, subscription_id = EXCLUDED.subscription_id,
    channel = EXCLUDED.channel, status = EXCLUDED.status, created_at = EXCLUDED.created_at,
    next_attempt_at = EXCLUDED.next_attempt_at, delivered_at = EXCLUDED.delivered_at,
    replays = EXCLUDED.replays, attempts = EXCLUDED.attempts, revision = EXCLUDED.revision,
    received_at = EXCLUDED.received_at
  WHERE api.delivery.revision < EXCLUDED.revision`;

// An endpoint the notifier disabled, unless the subscriber enabled it again after that: an
// enable and a late-read disable then leave it ACTIVE, as the notifier has it.
const MARK_DISABLED = `
  UPDATE api.subscription SET status = 'DISABLED', failing_since = $2, disabled_at = $3
   WHERE id = $1 AND (enabled_at IS NULL OR enabled_at < $3)`;

/**
 * Keeps the API's copy of the notifier's deliveries for `GET /v1/deliveries`, and of endpoint
 * health for `GET /v1/subscriptions`. Every update carries
 * the whole delivery, so the highest revision is the whole truth and no inbox is needed.
 */
@Controller()
export class DeliveryUpdatedConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(Topics.Delivery)
  async onDeliveryUpdated(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, DELIVERY_UPDATES, async (event) => {
      if (event.type === DeliveryEventType.EndpointDisabled) {
        const disabled = event.data;
        await this.dataSource.query(MARK_DISABLED, [
          disabled.subscriptionId,
          new Date(disabled.failingSince),
          new Date(disabled.disabledAt),
        ]);
        return;
      }
      await this.dataSource.query(UPSERT_IF_NEWER, upsertParameters(event.data, this.clock.now()));
    });
  }
}

function upsertParameters(update: DeliveryUpdatedV1, receivedAt: Date): unknown[] {
  return [
    update.deliveryId,
    update.noticeId,
    update.noticeType,
    update.organisationId,
    update.subscriptionId ?? null,
    update.channel,
    update.status,
    new Date(update.createdAt),
    update.nextAttemptAt ? new Date(update.nextAttemptAt) : null,
    update.deliveredAt ? new Date(update.deliveredAt) : null,
    update.replays,
    JSON.stringify(update.attempts),
    update.revision,
    receivedAt,
  ];
}
