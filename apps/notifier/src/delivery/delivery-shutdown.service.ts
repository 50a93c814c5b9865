import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

/** Time to record an attempt after its request has ended (its row, its audit, its next timer). */
const RECORDING_MARGIN_MS = 2_000;

/**
 * Graceful shutdown of deliveries (docs/operations.md): on SIGTERM the worker stops taking delivery
 * jobs and the attempts in flight finish and are recorded before the database, Redis and the
 * endpoint leases close. This runs before any `onApplicationShutdown` hook (where those close),
 * so an answered request is recorded DELIVERED and never sent again under a new attempt.
 * Bounded: a request lasts at most WEBHOOK_TIMEOUT_MS; past that and the margin the service
 * stops anyway, and a job still active goes back to the queue when its lock lapses.
 */
@Injectable()
export class DeliveryShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryShutdown.name);

  constructor(
    private readonly processor: WebhookDeliveryProcessor,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const worker = this.processor.worker;
    const boundMs = this.config.delivery.timeoutMs + RECORDING_MARGIN_MS;
    this.logger.log(`${signal ?? 'shutdown'}: no new delivery jobs; finishing those in flight`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), boundMs);
    });
    // close() without force stops fetching at once and resolves when the active jobs are done.
    const drained = await Promise.race([worker.close().then(() => true as const), timedOut]);
    clearTimeout(timer);
    if (drained) this.logger.log('deliveries in flight finished');
    else
      this.logger.warn(
        `deliveries still in flight after ${boundMs} ms; their jobs return to the queue when their locks lapse`,
      );
  }
}
