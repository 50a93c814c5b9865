import { Inject, Injectable } from '@nestjs/common';

import type { CloudEvent } from '@throughcare/contracts';

import { PermanentEventError } from '../dead-letter/permanent-event.error';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { openSealedText, sealDeadLetterText, sealEventFields } from './event-fields';
import { parseFieldKeyring, type FieldKeyring } from './field-keyring';
import { SealedValueError } from './sealed-value';

/**
 * Field-level encryption of what the hub puts on Kafka (docs/security/data-protection.md): the
 * outbox relay seals, the consumer runner opens before validation, the dead-letter publisher
 * seals the body. Handlers and DTOs never see a sealed value.
 */
@Injectable()
export class FieldProtection {
  private readonly keyring: FieldKeyring;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.keyring = parseFieldKeyring(options.fieldKeys);
  }

  sealEvent<T>(event: CloudEvent<T>): CloudEvent<T> {
    return sealEventFields(this.keyring, event);
  }

  /** A consumed value opened; one that does not open can never succeed, so it is dead-lettered. */
  openConsumedValue(value: string): string {
    try {
      return openSealedText(this.keyring, value);
    } catch (error) {
      if (error instanceof SealedValueError) throw new PermanentEventError(error.message);
      throw error;
    }
  }

  sealDeadLetterBody(value: string): string {
    return sealDeadLetterText(this.keyring, value);
  }
}
