import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { claimInboxEntry } from './inbox';

/** This service's inbox, in the schema MessagingModule was given. */
@Injectable()
export class Inbox {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /**
   * Records in `manager`'s transaction that `consumer` processed `eventId`; false when it already
   * had, and the caller then skips the effect (the same eventId twice is processed once).
   */
  claim(
    manager: EntityManager,
    consumer: string,
    eventId: string,
    topic: string,
  ): Promise<boolean> {
    return claimInboxEntry(manager, this.options.schema, consumer, eventId, topic);
  }
}
