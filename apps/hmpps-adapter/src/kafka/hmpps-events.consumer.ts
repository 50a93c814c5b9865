import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Consumer, EachMessagePayload } from 'kafkajs';

import { DeadLetterPublisher, createKafka, ensureTopics } from '@throughcare/messaging';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import { HandleDomainEventHandler } from '../domain-events/handle-domain-event.handler';
import { bareEventMessageId } from '../domain-events/hub-event-ids';
import { InvalidHmppsMessageError } from '../domain-events/upstream-unavailable.error';

const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * The Kafka entry, for sites that bridge HMPPS events themselves (HMPPS-4): each value is an
 * SNS notification as SQS delivers it (its MessageId kept) or the bare event. Who may publish
 * here is the broker's ACL, as on the hub's own intake topics (access-rules.md ACC-K); a
 * malformed message goes to `<topic>.dlq` with the reason, a hub outage is redelivered.
 */
@Injectable()
export class HmppsEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HmppsEventsConsumer.name);
  private consumer?: Consumer;

  constructor(
    private readonly handler: HandleDomainEventHandler,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(HMPPS_ADAPTER_CONFIG) private readonly config: HmppsAdapterConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.kafkaTopic;
    if (!topic) return;
    const kafka = createKafka('throughcare-hmpps-adapter', this.config.kafka.brokers);
    await ensureTopics(kafka, [topic, `${topic}.dlq`], this.config.kafka.topicPartitions, {
      dlqRetentionMs: this.config.kafka.dlqRetentionMs,
    });
    this.consumer = kafka.consumer({
      groupId: `throughcare-hmpps-adapter${this.config.kafka.groupSuffix}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({ eachMessage: (payload) => this.consume(payload) });
    this.logger.log(`consuming HMPPS events from ${topic}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async consume({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const value = message.value?.toString('utf8') ?? '';
    try {
      await this.handler.execute({ source: 'kafka', ...deliveryOf(value) });
    } catch (error) {
      // Anything else (the hub or Prisoner Search unreachable) is thrown back to kafkajs,
      // which delivers the message again: an outage must not dead-letter the stream.
      if (!(error instanceof InvalidHmppsMessageError)) throw error;
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header ?? '')]),
      );
      await this.deadLetters.publish(
        {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value,
          headers,
        },
        error.reason,
      );
    }
  }
}

/** The HMPPS event inside a Kafka value and the id it is known by. */
export function deliveryOf(value: string): { messageId: string; body: unknown } {
  if (Buffer.byteLength(value) > MAX_MESSAGE_BYTES)
    throw new InvalidHmppsMessageError('the message is larger than 256 KiB');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidHmppsMessageError('the message is not JSON');
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const envelope = fields['Type'] === 'Notification' && typeof fields['Message'] === 'string';
  if (!envelope) return { messageId: bareEventMessageId(value), body: parsed };
  if (typeof fields['MessageId'] !== 'string' || !/^[A-Za-z0-9-]{1,100}$/.test(fields['MessageId']))
    throw new InvalidHmppsMessageError('MessageId must be an SNS message id');
  try {
    return { messageId: fields['MessageId'], body: JSON.parse(fields['Message'] as string) };
  } catch {
    throw new InvalidHmppsMessageError('the SNS Message is not JSON');
  }
}
