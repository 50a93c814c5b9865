import {
  Equals,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

import { IsInstant } from './validation/instant.decorator';
import { HAPPENED } from './validation/time-bounds';

/** A CloudEvents 1.0 event in structured JSON mode (docs/hub-interface.md §2). */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  /** Extension attribute: follows an event through every service into the notices it causes. */
  correlationid?: string;
  data: T;
}

export const HUB_SOURCE = 'throughcare-hub';

export function buildCloudEvent<T>(fields: {
  id: string;
  type: string;
  subject?: string;
  time: Date;
  data: T;
  correlationId?: string;
  source?: string;
}): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: fields.id,
    source: fields.source ?? HUB_SOURCE,
    type: fields.type,
    ...(fields.subject ? { subject: fields.subject } : {}),
    time: fields.time.toISOString(),
    datacontenttype: 'application/json',
    ...(fields.correlationId ? { correlationid: fields.correlationId } : {}),
    data: fields.data,
  };
}

/** Shape check for envelopes arriving on a topic; `data` is validated by its own class. */
export class CloudEventEnvelopeV1 {
  @Equals('1.0') specversion!: '1.0';
  @IsString() @MinLength(1) @MaxLength(200) id!: string;
  @IsString() @MinLength(1) @MaxLength(200) source!: string;
  @IsString() @MinLength(1) @MaxLength(200) type!: string;
  @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @IsInstant(HAPPENED) time!: string;
  @IsOptional() @Equals('application/json') datacontenttype?: 'application/json';
  @IsOptional() @IsString() @MaxLength(100) correlationid?: string;
  @IsDefined() @IsObject() data!: Record<string, unknown>;
}

/** Kafka header names the hub writes. */
export const KafkaHeader = {
  CorrelationId: 'x-correlation-id',
  DeadLetterReason: 'x-dlq-reason',
  DeadLetterSourceTopic: 'x-dlq-source-topic',
  DeadLetterSourcePartition: 'x-dlq-source-partition',
  DeadLetterSourceOffset: 'x-dlq-source-offset',
} as const;
