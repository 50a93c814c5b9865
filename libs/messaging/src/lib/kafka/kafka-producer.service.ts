import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
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

/** The service's one idempotent Kafka producer (acks=all). */
@Injectable()
export class KafkaProducer implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected = false;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {
    this.kafka = createKafka(`throughcare-${options.serviceName}`, options.brokers);
    // The default (murmur2) partitioner matches Java clients, so a prison system's own producer
    // and the hub put one prisonNumber on the same partition.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on('producer.disconnect', () => (this.connected = false));
    this.producer.on('producer.connect', () => (this.connected = true));
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
