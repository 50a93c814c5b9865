import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { DeliveryAttempts } from './delivery-attempts.service';
import { changeDelivery } from './delivery-ledger';
import { DeliveryEntity } from './delivery.entity';

/**
 * Sends a re-enabled endpoint's waiting notices one at a time, oldest first, so that they arrive
 * in the order they fell due. One that fails goes back to its retry schedule and the drain
 * moves on. A drain cut short by a restart resumes at the next start.
 */
@Injectable()
export class EndpointDrain implements OnApplicationBootstrap {
  private readonly logger = new Logger(EndpointDrain.name);
  private readonly draining = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: DeliveryAttempts,
  ) {}

  onApplicationBootstrap(): void {
    void this.resumeInterrupted();
  }

  /** Starts draining in the background (a Kafka consumer must not wait for it). */
  start(subscriptionId: string): void {
    if (this.draining.has(subscriptionId)) return;
    this.draining.add(subscriptionId);
    this.drain(subscriptionId)
      .catch((error: Error) =>
        this.logger.warn(`drain of ${subscriptionId} stopped: ${error.message}; resumes at start`),
      )
      .finally(() => this.draining.delete(subscriptionId));
  }

  private async drain(subscriptionId: string): Promise<void> {
    let sent = 0;
    for (;;) {
      const endpoint = await this.dataSource
        .getRepository(WebhookSubscriptionEntity)
        .findOneBy({ id: subscriptionId });
      if (endpoint?.status !== 'ACTIVE') break;
      const next = await this.dataSource.getRepository(DeliveryEntity).findOne({
        where: { subscriptionId, status: 'PAUSED' },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      if (!next) break;
      await this.dataSource.transaction((manager) =>
        changeDelivery(manager, next.id, { status: 'PENDING', nextAttemptAt: new Date() }, [
          'PAUSED',
        ]),
      );
      while ((await this.attempts.deliverOnce(next.id)) === 'BUSY')
        await new Promise((resolve) => setTimeout(resolve, 100));
      sent += 1;
    }
    if (sent > 0)
      this.logger.log(`endpoint ${subscriptionId}: ${sent} waiting notice(s) sent in order`);
  }

  private async resumeInterrupted(): Promise<void> {
    const rows: Array<{ subscription_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT d.subscription_id FROM notifier.delivery d
         JOIN notifier.webhook_subscription s ON s.id = d.subscription_id
        WHERE d.status = 'PAUSED' AND s.status = 'ACTIVE'`,
    );
    for (const row of rows) this.start(row.subscription_id);
  }
}
