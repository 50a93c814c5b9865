import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import type { ClassConstructor } from 'class-transformer';

import {
  CloudEventEnvelopeV1,
  KafkaHeader,
  describeFieldErrors,
  validatePayload,
  type CloudEvent,
} from '@throughcare/contracts';
import { METRICS_REGISTRY, runWithCorrelationId } from '@throughcare/observability';
import { Counter, type Registry } from 'prom-client';

import { DeadLetterPublisher, type ConsumedMessage } from '../dead-letter/dead-letter.publisher';
import { PermanentEventError } from '../dead-letter/permanent-event.error';
import { FieldProtection } from '../field-protection/field-protection.service';

const MAX_TRANSIENT_ATTEMPTS = 5;

export type EventDataClasses = Record<string, ClassConstructor<object> | undefined>;

export interface ValidEvent<T = object> {
  envelope: CloudEvent<T>;
  topic: string;
}

/**
 * The one way a consumer handles a message: validate the CloudEvent and its data by type,
 * run the handler under the event's correlation id, send permanent failures to the DLQ, and
 * retry transient ones a bounded number of times so a partition never stalls.
 */
@Injectable()
export class ConsumedEventRunner {
  private readonly logger = new Logger(ConsumedEventRunner.name);
  private readonly attempts = new Map<string, number>();
  private readonly consumed: Counter<'topic' | 'outcome'>;

  constructor(
    private readonly deadLetter: DeadLetterPublisher,
    private readonly fields: FieldProtection,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.consumed = new Counter({
      name: 'throughcare_events_consumed_total',
      help: 'Kafka messages handled, by topic and outcome (processed, retried, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    });
  }

  async run(
    context: KafkaContext,
    dataClasses: EventDataClasses,
    handle: (event: ValidEvent) => Promise<void>,
  ): Promise<void> {
    const message = toConsumedMessage(context);
    const attemptKey = `${message.topic}:${message.partition}:${message.offset}`;
    try {
      // Sealed fields open before validation, so handlers and DTOs see plain values.
      const opened = { ...message, value: this.fields.openConsumedValue(message.value) };
      const event = parseEvent(opened, dataClasses);
      const correlationId =
        event.envelope.correlationid ??
        message.headers[KafkaHeader.CorrelationId] ??
        event.envelope.id;
      await runWithCorrelationId(correlationId, () => handle(event));
      this.attempts.delete(attemptKey);
      this.consumed.inc({ topic: message.topic, outcome: 'processed' });
    } catch (error) {
      await this.onFailure(message, attemptKey, error);
    }
  }

  private async onFailure(
    message: ConsumedMessage,
    attemptKey: string,
    error: unknown,
  ): Promise<void> {
    if (error instanceof PermanentEventError) {
      await this.deadLetter.publish(message, error.reason);
      this.consumed.inc({ topic: message.topic, outcome: 'dead_lettered' });
      return;
    }
    const attempt = (this.attempts.get(attemptKey) ?? 0) + 1;
    if (attempt >= MAX_TRANSIENT_ATTEMPTS) {
      this.attempts.delete(attemptKey);
      await this.deadLetter.publish(
        message,
        `processing failed ${attempt} times: ${(error as Error).message ?? String(error)}`,
      );
      this.consumed.inc({ topic: message.topic, outcome: 'dead_lettered' });
      return;
    }
    this.attempts.set(attemptKey, attempt);
    this.consumed.inc({ topic: message.topic, outcome: 'retried' });
    this.logger.warn(
      `transient failure on ${attemptKey} (attempt ${attempt}): ${(error as Error).message}`,
    );
    throw error; // kafkajs re-delivers from the last committed offset
  }
}

function parseEvent(message: ConsumedMessage, dataClasses: EventDataClasses): ValidEvent {
  let json: unknown;
  try {
    json = JSON.parse(message.value);
  } catch {
    throw new PermanentEventError('value is not valid JSON');
  }
  // CloudEvents allows extension attributes, so the envelope tolerates unknown fields; `data` does not.
  const envelope = validatePayload(CloudEventEnvelopeV1, json, { allowUnknownFields: true });
  if (!envelope.ok)
    throw new PermanentEventError(`invalid CloudEvent: ${describeFieldErrors(envelope.errors)}`);
  const dataClass = dataClasses[envelope.value.type];
  if (!dataClass)
    throw new PermanentEventError(`unknown type ${envelope.value.type} on ${message.topic}`);
  const data = validatePayload(dataClass, envelope.value.data);
  if (!data.ok)
    throw new PermanentEventError(
      `invalid ${envelope.value.type}: ${describeFieldErrors(data.errors)}`,
    );
  return {
    topic: message.topic,
    envelope: { ...(json as CloudEvent), data: data.value },
  };
}

function toConsumedMessage(context: KafkaContext): ConsumedMessage {
  const raw = context.getMessage();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers ?? {})) {
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  // Nest's parser may already have turned the JSON value into an object.
  const value = raw.value;
  const text =
    typeof value === 'string'
      ? value
      : Buffer.isBuffer(value)
        ? value.toString('utf8')
        : JSON.stringify(value);
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: raw.offset,
    key: raw.key === null || raw.key === undefined ? null : String(raw.key),
    value: text,
    headers,
  };
}
