import { randomUUID } from 'node:crypto';

import type { INestApplication } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import {
  IntakeEventType,
  Topics,
  buildCloudEvent,
  type CustodyChange,
  type IntakeAcceptedExtensions,
  NoticeDueV1,
} from '@throughcare/contracts';
import { validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';
import { validated, type TopicReader, type TopicWriter } from '@throughcare/testing';

import { PlannerModule } from '../../src/app.module';
import { plannerConfigFromEnv } from '../../src/config/planner.config';
import { PlannerEnv } from '../../src/config/planner.env';

/** The planner in this process, on `clock`, against the run's PostgreSQL and Kafka and `redisUrl`. */
export async function startPlanner(
  port: number,
  clock: Clock,
  redisUrl: string,
): Promise<INestApplication> {
  const env = validateEnv(PlannerEnv, {
    ...process.env,
    PORT: String(port),
    LOG_LEVEL: process.env['PLANNER_TEST_LOG_LEVEL'] ?? 'warn',
    REDIS_URL: redisUrl,
    MILESTONE_RECONCILE_INTERVAL_MS: '300',
  });
  const config = plannerConfigFromEnv(env);
  return bootstrapHybridService(PlannerModule.forRoot(config, clock), {
    name: 'planner',
    host: '127.0.0.1',
    port,
    kafka: {
      brokers: config.kafka.brokers,
      groupId: `throughcare-planner${config.kafka.groupSuffix}`,
    },
  });
}

/** Publishes an event as the API does after accepting it onto the person's record. */
export async function publishAccepted(
  writer: TopicWriter,
  type: IntakeEventType,
  data: { eventId: string; prisonNumber: string },
  accepted: {
    episodeId: string;
    change: CustodyChange;
    occurredAt: Date;
    previousReleaseDate?: string;
  },
): Promise<void> {
  const extensions: IntakeAcceptedExtensions = {
    episodeid: accepted.episodeId,
    custodychange: accepted.change,
    occurredat: accepted.occurredAt.toISOString(),
    ...(accepted.previousReleaseDate ? { previousreleasedate: accepted.previousReleaseDate } : {}),
  };
  const event = {
    ...buildCloudEvent({
      id: data.eventId,
      type,
      subject: data.prisonNumber,
      time: accepted.occurredAt,
      data,
    }),
    ...extensions,
  };
  await writer.publishRaw(Topics.IntakeAccepted, data.prisonNumber, JSON.stringify(event));
}

export function noticesFor(reader: TopicReader, prisonNumber: string): NoticeDueV1[] {
  return reader
    .on(Topics.NoticeDue)
    .filter((m) => m.key === prisonNumber)
    .map((m) => validated(NoticeDueV1, (JSON.parse(m.value) as { data: unknown }).data));
}

export const newEpisode = (): string => randomUUID();
export { IntakeEventType };
