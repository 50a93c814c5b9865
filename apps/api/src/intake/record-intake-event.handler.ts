import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DomainError,
  DomainErrorCode,
  buildCloudEvent,
  type IntakeEventType,
  type Topic,
} from '@throughcare/contracts';
import { writeOutbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import { API_SCHEMA } from '../database/api.data-source';
import { IntakeEventEntity } from './intake-event.entity';

export interface IntakeCommand {
  type: IntakeEventType;
  topic: Topic;
  eventId: string;
  prisonNumber: string;
  establishment: string;
  data: object;
}

export interface IntakeAccepted {
  eventId: string;
  status: 'accepted';
  timeline: string;
}

/** Canonical JSON (sorted keys), so the same payload always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Records an intake event and its CloudEvent in one transaction (the outbox relay publishes it).
 * The eventId is the idempotency key: the same event again returns the first answer and changes
 * nothing; a different payload under the same eventId is refused.
 */
@Injectable()
export class RecordIntakeEventHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: IntakeCommand): Promise<IntakeAccepted> {
    const payloadHash = createHash('sha256').update(canonicalJson(command.data)).digest('hex');
    const accepted: IntakeAccepted = {
      eventId: command.eventId,
      status: 'accepted',
      timeline: `/v1/people/${command.prisonNumber}/timeline`,
    };
    await this.dataSource.transaction(async (manager) => {
      const receivedAt = this.clock.now();
      const correlationId = correlationIdOrNew();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO api.intake_event
           (event_id, type, prison_number, establishment, payload, payload_hash, correlation_id, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [
          command.eventId,
          command.type,
          command.prisonNumber,
          command.establishment,
          JSON.stringify(command.data),
          payloadHash,
          correlationId,
          receivedAt,
        ],
      );
      if (inserted.length === 0)
        return this.assertSameEvent(manager.getRepository(IntakeEventEntity), command, payloadHash);
      const event = buildCloudEvent({
        id: command.eventId,
        type: command.type,
        subject: command.prisonNumber,
        time: receivedAt,
        data: command.data,
        correlationId,
      });
      await writeOutbox(manager, API_SCHEMA, [
        { topic: command.topic, key: command.prisonNumber, event },
      ]);
    });
    return accepted;
  }

  private async assertSameEvent(
    repository: { findOneByOrFail(where: { eventId: string }): Promise<IntakeEventEntity> },
    command: IntakeCommand,
    payloadHash: string,
  ): Promise<void> {
    const existing = await repository.findOneByOrFail({ eventId: command.eventId });
    if (existing.payloadHash !== payloadHash || existing.type !== command.type) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyReused,
        `eventId ${command.eventId} was already used for a different event`,
      );
    }
  }
}
