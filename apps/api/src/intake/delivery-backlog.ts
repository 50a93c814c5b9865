import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type CanActivate,
  type ExecutionContext,
  HttpException,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import type { Admin } from 'kafkajs';
import { Counter, Gauge, type Registry } from 'prom-client';

import { QueueName, Topics } from '@throughcare/contracts';
import { KafkaProducer } from '@throughcare/messaging';
import { METRICS_REGISTRY } from '@throughcare/observability';
import { SERVICE_REDIS } from '@throughcare/service-runtime';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { problem } from '../http/problem-details';

/** How long one reading of the backlog serves intake: at most one reading a second. */
const READING_TTL_MS = 1_000;

export interface PartitionEnd {
  partition: number;
  high: string;
}

export interface PartitionCommitted {
  partition: number;
  offset: string;
}

/** Messages on the topic the group has not committed yet (a partition never committed: all). */
export function consumerGroupLag(ends: PartitionEnd[], committed: PartitionCommitted[]): number {
  let lag = 0;
  for (const end of ends) {
    const at = committed.find((c) => c.partition === end.partition)?.offset ?? '-1';
    const from = at === '-1' ? 0 : Number(at);
    lag += Math.max(0, Number(end.high) - from);
  }
  return lag;
}

/**
 * The delivery backlog as the API can read it cheaply without touching another service's schema:
 * notices the notifier has not taken yet (its consumer group's lag on the notice-due topic) plus
 * deliveries waiting for a worker (the notifier's BullMQ wait list). Read at most once a second,
 * in the background: intake never waits for it.
 */
@Injectable()
export class DeliveryBacklog implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryBacklog.name);
  private value = 0;
  private readAt = 0;
  private reading: Promise<void> | undefined;
  private admin: Admin | undefined;
  private readonly gauge: Gauge;
  private readonly refused: Counter;

  constructor(
    private readonly producer: KafkaProducer,
    @Inject(SERVICE_REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.gauge = new Gauge({
      name: 'throughcare_delivery_backlog',
      help: 'Notices not yet taken by the notifier plus deliveries waiting for a worker, as intake last read it',
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'throughcare_intake_refused_backlog_total',
      help: 'Intake requests answered 503 because the delivery backlog was over INTAKE_BACKLOG_LIMIT',
      registers: [registry],
    });
  }

  countRefusal(): void {
    this.refused.inc();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** The last reading (0 until the first completes); starts a new one when it is stale. */
  current(): number {
    if (Date.now() - this.readAt > READING_TTL_MS && !this.reading)
      this.reading = this.read()
        .catch((error: Error) => this.logger.warn(`backlog not read: ${error.message}`))
        .finally(() => (this.reading = undefined));
    return this.value;
  }

  private async read(): Promise<void> {
    this.readAt = Date.now();
    const admin = await this.connectedAdmin();
    const topic = Topics.NoticeDue;
    const [ends, [committed], waiting] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId: this.notifierGroup(), topics: [topic] }),
      this.redis.llen(`${this.config.bullPrefix}:${QueueName.WebhookDelivery}:wait`),
    ]);
    this.value = consumerGroupLag(ends, committed?.partitions ?? []) + waiting;
    this.gauge.set(this.value);
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.producer.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private notifierGroup(): string {
    return `throughcare-notifier${this.config.kafka.groupSuffix}`;
  }
}

/** A 503 the problem+json filter answers as it is; Retry-After is set by the guard. */
class IntakeBusy extends HttpException {
  constructor(backlog: number, limit: number) {
    super(
      problem(
        503,
        'intake-busy',
        'Delivery is catching up',
        `The delivery backlog (${backlog}) is over its bound (${limit}); nothing was recorded. Retry after the time in Retry-After.`,
      ),
      503,
    );
  }
}

/**
 * Intake answers at once, or refuses at once: while the delivery backlog is over
 * INTAKE_BACKLOG_LIMIT an event is refused with 503 and Retry-After (nothing recorded), so that
 * intake latency never grows with the backlog and the sender knows to come back.
 */
@Injectable()
export class IntakeBackpressureGuard implements CanActivate {
  constructor(
    private readonly backlog: DeliveryBacklog,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const backlog = this.backlog.current();
    const limit = this.config.intakeBacklogLimit;
    if (backlog <= limit) return true;
    this.backlog.countRefusal();
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(this.config.intakeRetryAfterSeconds));
    throw new IntakeBusy(backlog, limit);
  }
}
