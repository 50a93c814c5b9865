import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import { Counter, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import type { CloudEvent } from '@throughcare/contracts';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { FieldProtection } from '../field-protection/field-protection.service';
import { KafkaProducer } from '../kafka/kafka-producer.service';
import { MESSAGING_OPTIONS, assertSchemaName, type MessagingOptions } from '../messaging.options';
import { outboxChannel } from './outbox';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: CloudEvent;
  headers: Record<string, string>;
}

const BATCH_SIZE = 200;

/**
 * Publishes the outbox to Kafka in id order and deletes what Kafka acknowledged, in one
 * transaction; a crash between the two republishes, and consumers dedupe by event id. Safe with
 * several instances of a service: one publishes at a time (a transaction-scoped advisory lock).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private listener: Client | undefined;
  /** A write was notified since the last flush began: flush again before sleeping. */
  private notified = false;
  private readonly published: Counter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: KafkaProducer,
    private readonly fields: FieldProtection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.published = new Counter({
      name: 'throughcare_outbox_published_total',
      help: 'Outbox messages published to Kafka',
      registers: [registry],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listenForWrites();
    this.loop = this.run();
  }

  // First at shutdown, before the producer disconnects and the database pool closes: what is
  // left in the outbox is published at the next start.
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Publishes everything pending now; returns how many messages went out. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH_SIZE) return total;
    }
  }

  private async run(): Promise<void> {
    const interval = this.options.outboxPollIntervalMs ?? 500;
    let failures = 0;
    while (this.running) {
      try {
        // A notification that arrives during a flush is not lost (it used to wait for the poll).
        this.notified = false;
        await this.flush();
        failures = 0;
        if (!this.notified) await this.sleep(interval);
      } catch (error) {
        failures += 1;
        this.logger.warn(`outbox relay failed (attempt ${failures}): ${(error as Error).message}`);
        await this.sleep(Math.min(interval * 2 ** failures, 10_000));
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const schema = assertSchemaName(this.options.schema);
    return this.dataSource.transaction(async (manager) => {
      // One relay at a time per schema, whatever the number of instances: rows go out in id
      // order (one person's events in order), and another instance's relay publishes ours.
      const [lock] = (await manager.query(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [`outbox-relay:${schema}`],
      )) as Array<{ locked: boolean }>;
      if (!lock?.locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, payload, headers FROM "${schema}".outbox
         ORDER BY id LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await this.producer.sendBatch(
        rows.map((row) => ({
          topic: row.topic,
          key: row.message_key,
          // Sealed on the way out (docs/security/data-protection.md FP-6): clinical and identifying
          // fields never reach the broker in clear; the service's own schema already holds them.
          value: JSON.stringify(this.fields.sealEvent(row.payload)),
          headers: row.headers,
        })),
      );
      await manager.query(`DELETE FROM "${schema}".outbox WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      this.published.inc(rows.length);
      return rows.length;
    });
  }

  private async listenForWrites(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    this.listener = new Client({ connectionString: options.url });
    this.listener.on('error', (error) => this.logger.warn(`outbox listener: ${error.message}`));
    this.listener.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await this.listener.connect();
    await this.listener.query(`LISTEN ${outboxChannel(this.options.schema)}`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
