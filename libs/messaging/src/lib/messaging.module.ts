import { type DynamicModule, Module } from '@nestjs/common';

import { ConsumedEventRunner } from './consumer/consumed-event.runner';
import { DeadLetterPublisher } from './dead-letter/dead-letter.publisher';
import { FieldProtection } from './field-protection/field-protection.service';
import { KafkaProducer } from './kafka/kafka-producer.service';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay.service';

/** Kafka producer, outbox relay, dead-letter publisher and consumer runner for one service. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions & { relayOutbox?: boolean }): DynamicModule {
    const providers = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      KafkaProducer,
      FieldProtection,
      DeadLetterPublisher,
      ConsumedEventRunner,
      ...(options.relayOutbox === false ? [] : [OutboxRelay]),
    ];
    return {
      module: MessagingModule,
      global: true,
      providers,
      exports: providers,
    };
  }
}
