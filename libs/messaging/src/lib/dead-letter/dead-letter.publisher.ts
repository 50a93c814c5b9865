import { Injectable, Logger } from '@nestjs/common';

import { KafkaHeader } from '@throughcare/contracts';

import { FieldProtection } from '../field-protection/field-protection.service';
import { KafkaProducer } from '../kafka/kafka-producer.service';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Sends a message that cannot be processed to `<topic>.dlq` with the reason in a header. */
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    private readonly producer: KafkaProducer,
    private readonly fields: FieldProtection,
  ) {}

  async publish(message: ConsumedMessage, reason: string): Promise<void> {
    // Reasons name fields and rules, never values, so no personal data reaches logs or headers.
    const boundedReason = reason.slice(0, 2000);
    await this.producer.sendBatch([
      {
        topic: `${message.topic}.dlq`,
        key: message.key ?? '',
        // The body is kept for diagnosis but sealed (data-protection.md FP-8): it may carry
        // personal data under any name.
        value: this.sealedBody(message.value),
        headers: {
          ...message.headers,
          [KafkaHeader.DeadLetterReason]: boundedReason,
          [KafkaHeader.DeadLetterSourceTopic]: message.topic,
          [KafkaHeader.DeadLetterSourcePartition]: String(message.partition),
          [KafkaHeader.DeadLetterSourceOffset]: message.offset,
        },
      },
    ]);
    this.logger.warn(
      `dead-lettered ${message.topic}[${message.partition}]@${message.offset}: ${boundedReason}`,
    );
  }

  /**
   * Sealing field by field serialises each value, which recurses: a body nested 10,000 deep (the
   * very message being dead-lettered) would throw and hold the partition. Such a body is sealed
   * whole instead, as one JSON string (docs/security/input-bounds.md).
   */
  private sealedBody(value: string): string {
    try {
      return this.fields.sealDeadLetterBody(value);
    } catch {
      return this.fields.sealDeadLetterBody(JSON.stringify(value));
    }
  }
}
