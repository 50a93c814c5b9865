import { type DynamicModule, Module } from '@nestjs/common';

import { ConsumedEventRunner } from './consumer/consumed-event.runner';
import { DeadLetterPublisher } from './dead-letter/dead-letter.publisher';
import { FieldProtection } from './field-protection/field-protection.service';
import { KafkaProducer } from './kafka/kafka-producer.service';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { Inbox } from './inbox/inbox.service';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { Outbox } from './outbox/outbox.service';

/**
 * Kafka producer, outbox (and its relay), inbox, dead-letter publisher and consumer runner for one
 * service, all bound to its schema.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions & { relayOutbox?: boolean }): DynamicModule {
    const providers = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      KafkaProducer,
      FieldProtection,
      DeadLetterPublisher,
      ConsumedEventRunner,
      Outbox,
      Inbox,
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
