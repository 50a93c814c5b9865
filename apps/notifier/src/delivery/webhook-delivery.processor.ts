import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnModuleInit } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';

import {
  JOBS_BY_QUEUE,
  JobName,
  QueueName,
  type JobPayloads,
  type QueueJobs,
} from '@throughcare/contracts';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { DeliveryAttempts } from './delivery-attempts.service';

/**
 * Runs one attempt per job; the next attempt is armed as a new delayed job by the attempt itself.
 * A short lock: the job of a killed process goes back to the queue within seconds (stalled), not
 * BullMQ's default half minute.
 */
@Processor(QueueName.WebhookDelivery, { lockDuration: 10_000, stalledInterval: 5_000 })
export class WebhookDeliveryProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly attempts: DeliveryAttempts,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    // Every job name of this queue has a handler here (checked at boot, as immich does).
    const handled: JobName[] = [JobName.DeliverWebhook];
    const missing = JOBS_BY_QUEUE[QueueName.WebhookDelivery].filter(
      (name) => !handled.includes(name),
    );
    if (missing.length > 0) throw new Error(`no handler for jobs ${missing.join(', ')}`);
    this.worker.concurrency = this.config.delivery.concurrency;
  }

  async process(job: Job<JobPayloads[JobName.DeliverWebhook]>, token?: string): Promise<void> {
    const name = job.name as QueueJobs[QueueName.WebhookDelivery];
    switch (name) {
      case JobName.DeliverWebhook: {
        const outcome = await this.attempts.deliverOnce(
          job.data.deliveryId,
          attemptNumberOf(job.id),
        );
        if (outcome === 'BUSY') {
          // The endpoint already has its share of requests in flight: step aside for a moment
          // (not an attempt) so that this worker serves other endpoints meanwhile.
          // A slot frees in milliseconds now that it is held for the request only.
          await job.moveToDelayed(Date.now() + 20 + Math.round(Math.random() * 60), token);
          throw new DelayedError();
        }
        return;
      }
      default: {
        const unknown: never = name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }
}

/** The attempt a job was armed for, from its id `<deliveryId>-a<n>` (DeliveryQueue.arm). */
function attemptNumberOf(jobId: string | undefined): number | undefined {
  const match = /-a(\d+)$/.exec(jobId ?? '');
  return match ? Number(match[1]) : undefined;
}
