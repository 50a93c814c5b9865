import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource, LessThanOrEqual } from 'typeorm';

import { JobName, QueueName, type JobPayloads } from '@throughcare/contracts';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { DeliveryEntity } from './delivery.entity';

const RECONCILE_HORIZON_MS = 60 * 60 * 1000;

/**
 * Arms BullMQ jobs for deliveries. The delivery row is the truth; a job is only a timer with a
 * deterministic id per attempt, so arming twice is harmless. A reconciler re-arms what Redis lost.
 */
@Injectable()
export class DeliveryQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryQueue.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue(QueueName.WebhookDelivery)
    private readonly queue: Queue<JobPayloads[JobName.DeliverWebhook]>,
    private readonly dataSource: DataSource,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile().catch((error: Error) =>
      this.logger.warn(`reconcile failed: ${error.message}`),
    );
    this.timer = setInterval(() => {
      this.reconcile().catch((error: Error) =>
        this.logger.warn(`reconcile failed: ${error.message}`),
      );
    }, this.config.delivery.reconcileIntervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Arms the next attempt of a pending delivery; logs rather than throws, the reconciler retries.
   * `replaceSettled`: a job of that id that already failed or completed (its process died before
   * the attempt settled the row, or it stalled twice) is replaced, or the delivery would never
   * be attempted again (a job id is added once).
   */
  async arm(
    delivery: Pick<DeliveryEntity, 'id' | 'attempts' | 'nextAttemptAt'>,
    { replaceSettled = false } = {},
  ): Promise<void> {
    const delay = Math.max(0, (delivery.nextAttemptAt?.getTime() ?? Date.now()) - Date.now());
    const jobId = `${delivery.id}-a${delivery.attempts + 1}`;
    try {
      if (replaceSettled) await this.removeIfSettled(jobId);
      await this.queue.add(JobName.DeliverWebhook, { deliveryId: delivery.id }, { jobId, delay });
    } catch (error) {
      this.logger.warn(
        `could not arm delivery ${delivery.id}: ${(error as Error).message}; the reconciler will`,
      );
    }
  }

  private async removeIfSettled(jobId: string): Promise<void> {
    const state = await this.queue.getJobState(jobId);
    if (state === 'failed' || state === 'completed') await this.queue.remove(jobId);
  }

  /** Re-arms every pending delivery due within the horizon (at start, then periodically). */
  async reconcile(): Promise<number> {
    const horizon = new Date(Date.now() + RECONCILE_HORIZON_MS);
    const pending = await this.dataSource.getRepository(DeliveryEntity).find({
      where: { status: 'PENDING', nextAttemptAt: LessThanOrEqual(horizon) },
      select: { id: true, attempts: true, nextAttemptAt: true },
      take: 5000,
    });
    for (const delivery of pending) await this.arm(delivery, { replaceSettled: true });
    return pending.length;
  }
}
