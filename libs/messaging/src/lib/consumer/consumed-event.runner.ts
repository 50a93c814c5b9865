import { Inject, Injectable, Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  CloudEventEnvelopeV1,
  INTAKE_TOPICS,
  KafkaHeader,
  describeFieldErrors,
  validatePayload,
  type CloudEvent,
} from '@throughcare/contracts';
import { METRICS_REGISTRY, runWithCorrelationId } from '@throughcare/observability';
import { Counter, Histogram, type Registry } from 'prom-client';

import { DeadLetterPublisher, type ConsumedMessage } from '../dead-letter/dead-letter.publisher';
import { PermanentEventError } from '../dead-letter/permanent-event.error';
import { FieldProtection } from '../field-protection/field-protection.service';
import { claimInboxEntry } from '../inbox/inbox';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import {
  type ConsumerDeclaration,
  type EventOf,
  type MessageClasses,
  type TypedEvent,
} from './consumer-declaration';
import { isInfrastructureUnavailable } from './infrastructure-unavailable';
import { TRANSIENT_RETRY_DELAYS_MS, unreadableReason } from './raw-event-bounds';

/** The inbox consumer name under which a message's dead-lettering is recorded, once. */
const DEAD_LETTER_INBOX = 'dead-letter';

/**
 * Topics prison systems publish to directly are the hub's edge, like HTTP: their instants and
 * dates are held to the window around the clock (docs/security/input-bounds.md). Topics the hub
 * publishes itself carry what was checked there, read against the fixed window only, so a
 * consumer whose clock differs (a drill, a replay) never refuses the hub's own events.
 */
const EDGE_TOPICS: ReadonlySet<string> = new Set(INTAKE_TOPICS);

/** The CloudEvents 1.0 context attributes and `data`; every other attribute is an extension. */
const CLOUD_EVENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'correlationid',
  'data',
]);

type AnyEventHandler = (event: TypedEvent) => Promise<void>;

/**
 * The one way a consumer handles a message: validate the CloudEvent and its data by type, run
 * the handler under the event's correlation id, and never hold the partition for long. A message
 * that can never succeed (too big, not JSON, too deep, invalid, refused by the rules) goes to the
 * DLQ at once; a transient failure is retried in process for about 2 s, then dead-lettered too,
 * unless the database, Redis or the network is down (then kafkajs redelivers it once back).
 * Either way the DLQ gets it once, also when a rebalance redelivers it (an inbox claim).
 * docs/security/input-bounds.md BND-6 to BND-8.
 */
@Injectable()
export class ConsumedEventRunner {
  private readonly logger = new Logger(ConsumedEventRunner.name);
  private readonly consumed: Counter<'topic' | 'outcome'>;
  private readonly waited: Histogram<'topic'>;
  private readonly handled: Histogram<'topic'>;

  constructor(
    private readonly deadLetter: DeadLetterPublisher,
    private readonly fields: FieldProtection,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.consumed = new Counter({
      name: 'throughcare_events_consumed_total',
      help: 'Kafka messages handled, by topic and outcome (processed, retried, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    });
    // Where a message's time goes: waiting in the topic (lag behind the producer) or handled.
    this.waited = new Histogram({
      name: 'throughcare_event_wait_seconds',
      help: 'From a message reaching Kafka to this service starting on it, by topic',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.handled = new Histogram({
      name: 'throughcare_event_handling_seconds',
      help: 'Time to read, validate and handle one message, by topic',
      labelNames: ['topic'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  /**
   * Reads the message as `consumer` declares it (see `consumes`) and hands `handle` exactly one
   * of the declared classes, validated with its extension attributes.
   */
  async run<Decl extends ConsumerDeclaration>(
    context: KafkaContext,
    consumer: Decl,
    handle: (event: EventOf<Decl>) => Promise<void>,
  ): Promise<void> {
    const message = toConsumedMessage(context);
    const producedAt = Number(context.getMessage().timestamp);
    if (Number.isFinite(producedAt) && producedAt > 0)
      this.waited.observe({ topic: message.topic }, Math.max(0, Date.now() - producedAt) / 1000);
    const endTimer = this.handled.startTimer({ topic: message.topic });
    try {
      await this.readAndHandle(message, consumer, handle as AnyEventHandler);
    } finally {
      endTimer();
    }
  }

  private async readAndHandle(
    message: ConsumedMessage,
    consumer: ConsumerDeclaration,
    handle: AnyEventHandler,
  ): Promise<void> {
    let event: TypedEvent;
    try {
      event = this.readEvent(message, consumer);
    } catch (error) {
      // Whatever reading throws (a validator bug included) will throw again on every redelivery.
      return this.deadLetterOnce(message, permanentReason(error));
    }
    const correlationId =
      event.envelope.correlationid ??
      message.headers[KafkaHeader.CorrelationId] ??
      event.envelope.id;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runWithCorrelationId(correlationId, () => handle(event));
        this.consumed.inc({ topic: message.topic, outcome: 'processed' });
        return;
      } catch (error) {
        if (error instanceof PermanentEventError) return this.deadLetterOnce(message, error.reason);
        const delay = TRANSIENT_RETRY_DELAYS_MS[attempt - 1];
        if (delay === undefined) {
          // A dependency that is down stops every partition alike: wait for it (redelivery).
          if (isInfrastructureUnavailable(error)) throw error;
          const reason = `processing failed ${attempt} times: ${errorMessage(error)}`;
          return this.deadLetterOnce(message, reason);
        }
        this.consumed.inc({ topic: message.topic, outcome: 'retried' });
        this.logger.warn(
          `transient failure on ${describe(message)} (attempt ${attempt}): ${errorMessage(error)}`,
        );
        await sleep(delay);
      }
    }
  }

  /** Bounds, then sealed fields opened, then the envelope and data validated by type. */
  private readEvent(message: ConsumedMessage, consumer: ConsumerDeclaration): TypedEvent {
    if (message.topic !== consumer.topic)
      throw new PermanentEventError(`a consumer of ${consumer.topic} received it`);
    const unreadable = unreadableReason(message.value);
    if (unreadable) throw new PermanentEventError(unreadable);
    // Sealed fields open before validation, so handlers and DTOs see plain values.
    const opened = { ...message, value: this.fields.openConsumedValue(message.value) };
    const now = EDGE_TOPICS.has(message.topic) ? this.clock.now() : undefined;
    return parseEvent(opened, consumer, now);
  }

  /**
   * Publishes to the DLQ unless this service already did for this topic, partition and offset.
   * The claim commits only once Kafka has the DLQ copy: a failed publish leaves no claim, and the
   * error makes kafkajs redeliver, so nothing is dropped.
   */
  private async deadLetterOnce(message: ConsumedMessage, reason: string): Promise<void> {
    const sourceId = `${message.topic}:${message.partition}:${message.offset}`;
    const published = await this.dataSource.transaction(async (manager) => {
      const first = await claimInboxEntry(
        manager,
        this.options.schema,
        DEAD_LETTER_INBOX,
        sourceId,
        message.topic,
      );
      if (first) await this.deadLetter.publish(message, reason);
      return first;
    });
    if (!published) this.logger.warn(`${describe(message)} was already dead-lettered; skipped`);
    else this.consumed.inc({ topic: message.topic, outcome: 'dead_lettered' });
  }
}

function parseEvent(
  message: ConsumedMessage,
  consumer: ConsumerDeclaration,
  now: Date | undefined,
): TypedEvent {
  let json: unknown;
  try {
    json = JSON.parse(message.value);
  } catch {
    throw new PermanentEventError('value is not valid JSON');
  }
  // CloudEvents allows extension attributes, so the envelope tolerates unknown fields; `data` does not.
  const envelope = validatePayload(CloudEventEnvelopeV1, json, { allowUnknownFields: true, now });
  if (!envelope.ok)
    throw new PermanentEventError(`invalid CloudEvent: ${describeFieldErrors(envelope.errors)}`);
  const type = envelope.value.type;
  const dataClass = declaredClass(consumer.classes, type);
  if (!dataClass) throw new PermanentEventError(`unknown type ${type} on ${message.topic}`);
  // The data as sent, not class-transformer's copy of it inside the envelope.
  const data = validatePayload(dataClass, (json as CloudEvent).data, { now });
  if (!data.ok)
    throw new PermanentEventError(`invalid ${type}: ${describeFieldErrors(data.errors)}`);
  return {
    topic: message.topic,
    type,
    data: data.value,
    extensions: readExtensions(consumer, json as Record<string, unknown>, type, now),
    envelope: { ...(json as CloudEvent), data: data.value },
  };
}

/** Own properties only: a type named like Object.prototype's members is not a class. */
function declaredClass(classes: MessageClasses, type: string): MessageClasses[string] | undefined {
  return Object.hasOwn(classes, type) ? classes[type] : undefined;
}

/** The topic's extension attributes, validated by their class; other attributes are ignored. */
function readExtensions(
  consumer: ConsumerDeclaration,
  json: Record<string, unknown>,
  type: string,
  now: Date | undefined,
): object {
  if (!consumer.extensions) return {};
  const attributes = Object.fromEntries(
    Object.entries(json).filter(([name]) => !CLOUD_EVENT_ATTRIBUTES.has(name)),
  );
  const extensions = validatePayload(consumer.extensions, attributes, {
    allowUnknownFields: true,
    now,
  });
  if (!extensions.ok)
    throw new PermanentEventError(
      `invalid extension attributes on ${type}: ${describeFieldErrors(extensions.errors)}`,
    );
  return extensions.value;
}

function permanentReason(error: unknown): string {
  if (error instanceof PermanentEventError) return error.reason;
  // Error names only: a message could quote the input.
  return `could not be read (${error instanceof Error ? error.name : 'error'})`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(message: ConsumedMessage): string {
  return `${message.topic}[${message.partition}]@${message.offset}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
