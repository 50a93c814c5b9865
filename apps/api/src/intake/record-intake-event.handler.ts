import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { localDate } from '@throughcare/calendar';
import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DomainError,
  DomainErrorCode,
  INTAKE_EVENTS,
  Topics,
  buildCloudEvent,
  establishmentsOf,
  occurredAtOf,
  type IntakeAcceptedExtensions,
  type IntakeEvent,
} from '@throughcare/contracts';
import {
  decideIntake,
  mayReportAbout,
  type IntakeReporter,
  type PersonCustody,
} from '@throughcare/custody';
import { Outbox, type OutboxMessage } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import { assertMayReport } from '../auth/intake-access';
import { latestConsentVersion } from '../consent/consent-record.repository';
import { requestHash } from '../idempotency/request-hash';
import { PersonEntity } from '../person/person.entity';
import { IntakeEventEntity } from './intake-event.entity';

export type IntakeSource = 'http' | 'kafka';

export interface IntakeAccepted {
  eventId: string;
  status: 'accepted';
  timeline: string;
}

const TODAY_ZONE = 'Europe/London';

/**
 * One intake event, from HTTP or straight from Kafka, handled the same way: under a lock on the
 * person's record, check it against what the hub knows (the custody rules), then record it, the
 * new custody state and the accepted event in one transaction. The eventId is the idempotency
 * key: the same event again changes nothing; a different event under the same id is refused.
 */
@Injectable()
export class RecordIntakeEventHandler {
  private readonly logger = new Logger(RecordIntakeEventHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `reporter`: the HTTP caller, checked against the custody state read under the lock
   * (docs/security/access-rules.md ACC-3 to ACC-5). The Kafka path has none (ACC-K).
   */
  async execute(
    event: IntakeEvent,
    source: IntakeSource,
    reporter?: IntakeReporter,
  ): Promise<IntakeAccepted> {
    const { eventId, prisonNumber } = event.data;
    const payloadHash = requestHash({ type: event.type, data: event.data });
    await this.dataSource.transaction(async (manager) => {
      const person = await this.lockPerson(manager, prisonNumber);
      if (await this.isRepeat(manager, eventId, payloadHash)) return;
      const receivedAt = this.clock.now();
      const occurredAt = occurredAtOf(event, receivedAt);
      if (reporter) assertMayReport(mayReportAbout(reporter, event, person, occurredAt));
      const outcome = decideIntake(person, event, {
        occurredAt,
        today: localDate(receivedAt, TODAY_ZONE),
        newEpisodeId: () => randomUUID(),
      });
      if (!outcome.accepted) throw new DomainError(DomainErrorCode.Conflict, outcome.reason);
      const correlationId = correlationIdOrNew();
      await manager.insert(IntakeEventEntity, {
        eventId,
        type: event.type,
        prisonNumber,
        // The prison that reported it: the sending one for a transfer, the holding one for a court release.
        establishment: establishmentsOf(event)[0] as string,
        payload: event.data,
        payloadHash,
        correlationId,
        receivedAt,
        occurredAt,
        episodeId: outcome.episodeId,
        custodyChange: outcome.change,
        source,
      });
      await this.savePerson(manager, outcome.person, receivedAt);
      const extensions: IntakeAcceptedExtensions = {
        episodeid: outcome.episodeId,
        custodychange: outcome.change,
        occurredat: occurredAt.toISOString(),
        consentversion: await latestConsentVersion(manager, prisonNumber),
        ...(outcome.previousReleaseDate
          ? { previousreleasedate: outcome.previousReleaseDate }
          : {}),
      };
      await this.outbox.write(
        manager,
        this.messages(event, source, receivedAt, correlationId, extensions),
      );
      // Which key reported it (an id, never the key), for the audit of who moved whom.
      const by = reporter?.keyId ? `, key ${reporter.keyId}` : '';
      this.logger.log(
        `${event.type} ${eventId} for ${prisonNumber}: ${outcome.change} (${source}${by})`,
      );
    });
    return { eventId, status: 'accepted', timeline: `/v1/people/${prisonNumber}/timeline` };
  }

  /** Events from HTTP also go onto the contract topic, so it carries every intake event. */
  private messages(
    event: IntakeEvent,
    source: IntakeSource,
    time: Date,
    correlationId: string,
    extensions: IntakeAcceptedExtensions,
  ): OutboxMessage[] {
    const base = buildCloudEvent({
      id: event.data.eventId,
      type: event.type,
      subject: event.data.prisonNumber,
      time,
      data: event.data,
      correlationId,
    });
    const key = event.data.prisonNumber;
    const accepted: OutboxMessage = {
      topic: Topics.IntakeAccepted,
      key,
      event: { ...base, ...extensions },
    };
    return source === 'http'
      ? [{ topic: INTAKE_EVENTS[event.type].topic, key, event: base }, accepted]
      : [accepted];
  }

  /** Serialises every event for one person; creates the record for a person never seen. */
  private async lockPerson(manager: EntityManager, prisonNumber: string): Promise<PersonCustody> {
    await manager.query(
      `INSERT INTO api.person (prison_number, custody, updated_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`,
      [prisonNumber, JSON.stringify({ prisonNumber, episode: null })],
    );
    const [row] = (await manager.query(
      'SELECT custody FROM api.person WHERE prison_number = $1 FOR UPDATE',
      [prisonNumber],
    )) as Array<{
      custody: PersonCustody;
    }>;
    return row?.custody ?? { prisonNumber, episode: null };
  }

  private async isRepeat(
    manager: EntityManager,
    eventId: string,
    payloadHash: string,
  ): Promise<boolean> {
    const existing = await manager.findOneBy(IntakeEventEntity, { eventId });
    if (!existing) return false;
    if (existing.payloadHash !== payloadHash) {
      throw new DomainError(
        DomainErrorCode.IdempotencyKeyReused,
        `eventId ${eventId} was already used for a different event`,
      );
    }
    return true;
  }

  private async savePerson(
    manager: EntityManager,
    person: PersonCustody,
    now: Date,
  ): Promise<void> {
    const episode = person.episode;
    await manager.update(
      PersonEntity,
      { prisonNumber: person.prisonNumber },
      {
        custody: person,
        episodeId: episode?.id ?? null,
        status: episode?.status ?? null,
        establishment: episode?.establishment ?? null,
        releaseDate: episode?.release?.releaseDate ?? null,
        updatedAt: now,
      },
    );
  }
}
