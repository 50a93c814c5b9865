import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { writeOutbox, type OutboxMessage } from './outbox';

/**
 * This service's outbox, in the schema MessagingModule was given: a handler writes its events
 * here inside its own transaction without knowing where the table lives.
 */
@Injectable()
export class Outbox {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /** Writes `messages` in `manager`'s transaction: they commit with the change or not at all. */
  write(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
    return writeOutbox(manager, this.options.schema, messages);
  }
}
