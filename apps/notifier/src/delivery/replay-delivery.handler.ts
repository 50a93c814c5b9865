import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { DeliveryEventType } from '@throughcare/contracts';
import { claimInboxEntry } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import type { DeliveryCommand } from './delivery-commands.messages';
import { changeDelivery } from './delivery-ledger';
import { DeliveryQueue } from './delivery-queue.service';
import { DeliveryEntity } from './delivery.entity';

const CONSUMER = 'notifier.replay-delivery';

/**
 * `POST /v1/deliveries/{id}/replay`: one more attempt of a delivered or failed notice, with the
 * same webhook-id, rendered under the consent on record now (it may send less than before, or
 * nothing at all).
 */
@Injectable()
export class ReplayDeliveryHandler {
  private readonly logger = new Logger(ReplayDeliveryHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveryQueue: DeliveryQueue,
  ) {}

  async execute(event: DeliveryCommand<typeof DeliveryEventType.ReplayRequested>): Promise<void> {
    const request = event.data;
    const replay = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return null;
      const delivery = await manager.findOneBy(DeliveryEntity, { id: request.deliveryId });
      if (!delivery) return null;
      const changed = await changeDelivery(
        manager,
        delivery.id,
        {
          status: 'PENDING',
          replaying: true,
          replays: delivery.replays + 1,
          nextAttemptAt: new Date(),
        },
        ['DELIVERED', 'FAILED'],
      );
      return changed ? delivery : null;
    });
    if (!replay) {
      this.logger.warn(`replay of ${request.deliveryId} ignored: unknown or not delivered/failed`);
      return;
    }
    this.logger.log(`replay of ${replay.id} requested by ${request.requestedBy}`);
    await this.deliveryQueue.arm({
      id: replay.id,
      attempts: replay.attempts,
      nextAttemptAt: new Date(),
    });
  }
}
