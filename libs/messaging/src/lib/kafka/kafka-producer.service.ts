import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CompressionTypes, Partitioners, type Kafka, type Producer } from 'kafkajs';

import { allHubTopics } from '@throughcare/contracts';

import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { createKafka } from './kafka-client.factory';
import { ensureTopics } from './topic-provisioner';

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/**
 * Failed sends in a row after which the producer is replaced by a new one. An idempotent
 * producer whose sequence numbers fell out of step with the broker (a broker killed and restarted
 * mid-request: OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID) refuses every later send, so
 * retrying the same producer would hold every outbox row back for good. A new producer gets a new
 * producer id; rows not yet deleted go out again and consumers drop repeats by event id.
 */
export const PRODUCER_REPLACED_AFTER_FAILURES = 3;

/** The service's one idempotent Kafka producer (acks=all), replaced when it stays broken. */
@Injectable()
export class KafkaProducer implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  private readonly logger = new Logger(KafkaProducer.name);
  private producer: Producer;
  private connected = false;
  private failuresInARow = 0;
  /** How many times a broken producer was replaced since start. */
  replacements = 0;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.kafka = createKafka(`throughcare-${options.serviceName}`, options.brokers);
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    producer.on('producer.disconnect', () => {
      if (producer === this.producer) this.connected = false;
    });
    producer.on('producer.connect', () => {
      if (producer === this.producer) this.connected = true;
    });
    return producer;
  }

  async onModuleInit(): Promise<void> {
    // Topics exist before any consumer subscribes: the broker does not auto-create them.
    await ensureTopics(this.kafka, allHubTopics(), this.options.topicPartitions, {
      dlqRetentionMs: this.options.dlqRetentionMs,
    });
    await this.producer.connect();
  }

  // Last of all at shutdown (Nest runs onModuleDestroy hooks first): the outbox relay stops
  // publishing before the producer goes.
  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  isConnected(): boolean {
    return this.connected;
  }

  async sendBatch(messages: OutgoingMessage[]): Promise<void> {
    try {
      await this.send(messages);
      this.failuresInARow = 0;
    } catch (error) {
      this.failuresInARow += 1;
      if (this.failuresInARow >= PRODUCER_REPLACED_AFTER_FAILURES)
        await this.replaceProducer(error);
      throw error;
    }
  }

  private async replaceProducer(cause: unknown): Promise<void> {
    this.logger.warn(
      `replacing the Kafka producer after ${this.failuresInARow} failed sends in a row: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    const broken = this.producer;
    this.producer = this.createProducer();
    this.connected = false;
    this.failuresInARow = 0;
    this.replacements += 1;
    await broken.disconnect().catch(() => undefined);
    // A broker still down refuses this too; the next send fails and counts towards the next.
    await this.producer.connect().catch(() => undefined);
  }

  private async send(messages: OutgoingMessage[]): Promise<void> {
    if (!this.connected) await this.producer.connect();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages)
      byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
  }
}
