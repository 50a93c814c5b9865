import { Logger } from '@nestjs/common';
import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { ConsumerCrashEvent } from 'kafkajs';

/** Waits before each new consumer, doubling after each failed start, up to the cap. */
export const CONSUMER_RESTART_DELAYS_MS = { first: 1_000, max: 30_000 } as const;

export function nextRestartDelay(
  previousMs: number | undefined,
  delays: { first: number; max: number } = CONSUMER_RESTART_DELAYS_MS,
): number {
  if (previousMs === undefined) return delays.first;
  return Math.min(previousMs * 2, delays.max);
}

/**
 * Nest's Kafka server, with a consumer that never stays dead.
 *
 * kafkajs restarts its consumer after a crash only when the crash's first cause is retriable;
 * otherwise it stops for good and says so once (`restart: false` on the CRASH event), and the
 * service goes on answering health checks with no one reading its topics: every notice owed
 * after that waits forever. Crashes of that kind follow a broker killed and restarted under
 * load (the chaos suite's broker case). Here such a crash closes the consumer and the producer
 * and starts new ones on the same handlers, after a delay that grows while starts fail.
 * Offsets are committed per message, so the new consumer resumes where the old one stopped;
 * handlers are idempotent through the inbox, so a message handled but not yet committed is
 * handled again harmlessly.
 */
export class SupervisedKafkaServer extends ServerKafka {
  private readonly supervisor = new Logger('KafkaConsumerSupervisor');
  private closing = false;
  private restarting = false;
  private restartDelayMs: number | undefined;
  /** How many times a consumer stopped for good was replaced (read by tests and logs). */
  restarts = 0;

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly delays: { first: number; max: number } = CONSUMER_RESTART_DELAYS_MS,
  ) {
    super(options);
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.CRASH, (event: ConsumerCrashEvent) => {
      if (event.payload.restart || this.closing) return;
      const { error } = event.payload;
      this.supervisor.error(
        `Kafka consumer ${event.payload.groupId} stopped for good (${error.name}: ${error.message}); replacing it`,
      );
      void this.replaceConsumer();
    });
  }

  override async close(): Promise<void> {
    this.closing = true;
    await super.close();
  }

  private async replaceConsumer(): Promise<void> {
    if (this.restarting || this.closing) return;
    this.restarting = true;
    try {
      for (;;) {
        this.restartDelayMs = nextRestartDelay(this.restartDelayMs, this.delays);
        await new Promise((resolve) => setTimeout(resolve, this.restartDelayMs));
        if (this.closing) return;
        await super.close().catch(() => undefined);
        const failure = await new Promise<unknown>((resolve) => {
          void this.listen((error?: unknown) => resolve(error));
        });
        if (!failure) break;
        this.supervisor.error(
          `new Kafka consumer failed to start (${failure instanceof Error ? failure.message : String(failure)}); trying again`,
        );
      }
      this.restarts += 1;
      this.restartDelayMs = undefined;
      this.supervisor.log(`Kafka consumer replaced (${this.restarts} since start)`);
    } finally {
      this.restarting = false;
    }
  }
}
