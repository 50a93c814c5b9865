import { randomUUID } from 'node:crypto';

import type { INestApplication } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import {
  ConsentEventType,
  ContinuityRecordV1,
  NoticeDueEventType,
  NoticeDueV1,
  Topics,
  buildCloudEvent,
  type CustodyChange,
  type IntakeAcceptedExtensions,
  type IntakeEventType,
  type PersonRecordEventType,
} from '@throughcare/contracts';
import { validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';
import { validated, type TopicReader, type TopicWriter } from '@throughcare/testing';

import { ContinuityModule } from '../../src/app.module';
import { continuityConfigFromEnv } from '../../src/config/continuity.config';
import { ContinuityEnv } from '../../src/config/continuity.env';

/** The continuity service's consumer group in this test run. */
export const continuityGroupId = (): string =>
  `throughcare-continuity${process.env['KAFKA_GROUP_SUFFIX'] ?? ''}`;

/** The continuity service in this process, on `clock`, against the run's PostgreSQL and Kafka. */
export async function startContinuity(port: number, clock: Clock): Promise<INestApplication> {
  const env = validateEnv(ContinuityEnv, {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: process.env['CONTINUITY_TEST_LOG_LEVEL'] ?? 'warn',
  });
  const config = continuityConfigFromEnv(env);
  return bootstrapHybridService(ContinuityModule.forRoot(config, clock), {
    name: 'continuity',
    host: '127.0.0.1',
    port,
    kafka: { brokers: config.kafka.brokers, groupId: continuityGroupId() },
  });
}

/** Publishes an intake event as the API does after accepting it onto the person's record. */
export async function publishAccepted(
  writer: TopicWriter,
  type: IntakeEventType,
  data: { eventId: string; prisonNumber: string },
  accepted: { episodeId: string; change: CustodyChange; occurredAt: string },
): Promise<void> {
  const extensions: IntakeAcceptedExtensions = {
    episodeid: accepted.episodeId,
    custodychange: accepted.change,
    occurredat: accepted.occurredAt,
  };
  const event = {
    ...buildCloudEvent({
      id: data.eventId,
      type,
      subject: data.prisonNumber,
      time: new Date(accepted.occurredAt),
      data,
    }),
    ...extensions,
  };
  await writer.publishRaw(Topics.IntakeAccepted, data.prisonNumber, JSON.stringify(event));
}

/** Publishes a write on the person's record as the API does; returns the event id. */
export async function publishPersonRecord(
  writer: TopicWriter,
  type: PersonRecordEventType,
  data: { prisonNumber: string },
  id: string = randomUUID(),
): Promise<string> {
  const event = buildCloudEvent({
    id,
    type,
    subject: data.prisonNumber,
    time: new Date(),
    data,
  });
  await writer.publishRaw(Topics.PersonRecord, data.prisonNumber, JSON.stringify(event));
  return id;
}

/** Publishes a notice on throughcare.notice.due as the planner does (its event id is the notice id). */
export async function publishNoticeDue(writer: TopicWriter, notice: NoticeDueV1): Promise<void> {
  const event = buildCloudEvent({
    id: notice.noticeId,
    type: NoticeDueEventType,
    subject: notice.prisonNumber,
    time: new Date(notice.issuedAt),
    data: notice,
  });
  await writer.publishRaw(Topics.NoticeDue, notice.prisonNumber, JSON.stringify(event));
}

/** The notices continuity published for the person (they carry `continuity`), each validated. */
export function continuityNoticesFor(reader: TopicReader, prisonNumber: string): NoticeDueV1[] {
  return reader
    .on(Topics.NoticeDue)
    .filter((m) => m.key === prisonNumber)
    .map((m) => validated(NoticeDueV1, (JSON.parse(m.value) as { data: unknown }).data))
    .filter((n) => n.continuity !== undefined);
}

/** The continuity records published for the person, in publication order, each validated. */
export function recordsFor(reader: TopicReader, prisonNumber: string): ContinuityRecordV1[] {
  return reader
    .on(Topics.Continuity)
    .filter((m) => m.key === prisonNumber)
    .map((m) => validated(ContinuityRecordV1, (JSON.parse(m.value) as { data: unknown }).data));
}

/** Publishes a consent version as the API does (throughcare.consent.v1). */
export async function publishConsent(
  writer: TopicWriter,
  prisonNumber: string,
  version: number,
  cjit: boolean,
): Promise<void> {
  const event = buildCloudEvent({
    id: randomUUID(),
    type: ConsentEventType.ConsentRecorded,
    subject: prisonNumber,
    time: new Date(),
    data: {
      prisonNumber,
      version,
      communityTreatment: false,
      cjit,
      probation: false,
      ndtms: false,
      releasePlanSigned: false,
      recordedBy: 'j.smith',
      recordedAt: new Date().toISOString(),
    },
  });
  await writer.publishRaw(Topics.Consent, prisonNumber, JSON.stringify(event));
}
