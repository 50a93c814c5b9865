import { randomUUID } from 'node:crypto';

import type { INestApplication } from '@nestjs/common';

import { SystemClock } from '@throughcare/clock';
import { Topics } from '@throughcare/contracts';
import { validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';
import {
  HubApiClient,
  TestDatabase,
  TopicReader,
  buildReleaseEvent,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { ApiModule } from '../src/app.module';
import { apiConfigFromEnv } from '../src/config/api.config';
import { ApiEnv } from '../src/config/api.env';
import { configureApiHttp } from '../src/http/configure-http';

describe('release intake (api against real PostgreSQL and Kafka)', () => {
  let app: INestApplication;
  let api: HubApiClient;
  let db: TestDatabase;
  let topic: TopicReader;

  beforeAll(async () => {
    const env = validateEnv(ApiEnv, { ...process.env, PORT: '3290', LOG_LEVEL: 'warn' });
    app = await bootstrapHybridService(
      ApiModule.forRoot(apiConfigFromEnv(env), new SystemClock()),
      {
        name: 'api',
        host: '127.0.0.1',
        port: 3290,
        configureHttp: configureApiHttp,
      },
    );
    api = new HubApiClient('http://127.0.0.1:3290', env.HUB_ADMIN_KEY);
    db = new TestDatabase();
    topic = await new TopicReader().start([Topics.Release]);
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await db?.close();
  });

  it('writes the event and publishes it as a CloudEvent keyed by prisonNumber', async () => {
    const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber() });
    const answer = await api.post('/v1/events/release', release, {
      'x-correlation-id': 'corr-intake-1',
    });
    expect(answer.status).toBe(202);

    const message = await expectEventually(() => {
      const found = topic.on(Topics.Release).find((m) => m.value.includes(release.eventId));
      expect(found).toBeDefined();
      return found!;
    });
    expect(message.key).toBe(release.prisonNumber);
    expect(message.headers['x-correlation-id']).toBe('corr-intake-1');
    expect(JSON.parse(message.value)).toMatchObject({
      specversion: '1.0',
      id: release.eventId,
      type: 'throughcare.release.planned',
      subject: release.prisonNumber,
      correlationid: 'corr-intake-1',
      data: { prisonNumber: release.prisonNumber, releaseDate: release.releaseDate },
    });
    expect(await db.count('SELECT count(*) FROM api.outbox')).toBe(0);
  });

  it.each([
    ['a bad prisonNumber', { prisonNumber: '1234ABC' }, ['prisonNumber']],
    ['a missing releaseDate', { releaseDate: undefined }, ['releaseDate']],
    ['a releaseDate that is not a date', { releaseDate: 'next tuesday' }, ['releaseDate']],
    ['an impossible releaseDate', { releaseDate: '2026-02-30' }, ['releaseDate']],
    [
      'several bad fields at once',
      { prisonNumber: 'x', establishment: 'Leeds', releaseType: 'WHENEVER' },
      ['prisonNumber', 'establishment', 'releaseType'],
    ],
    [
      'a bad nested field',
      { releaseArea: { localAuthorityCode: 'Leeds' } },
      ['releaseArea.localAuthorityCode'],
    ],
    ['an unknown field', { favouriteColour: 'blue' }, ['favouriteColour']],
  ])(
    'refuses %s with a 400 problem naming each bad field, and writes and publishes nothing',
    async (_case, override, fields) => {
      const release = { ...buildReleaseEvent({ prisonNumber: uniquePrisonNumber() }), ...override };
      const before = await db.count('SELECT count(*) FROM api.intake_event');

      const answer = await api.post('/v1/events/release', release);

      expect(answer.status).toBe(400);
      expect(answer.contentType).toContain('application/problem+json');
      const problem = answer.body as {
        status: number;
        errors: Array<{ field: string; detail: string }>;
      };
      expect(problem.status).toBe(400);
      expect(problem.errors.map((e) => e.field).sort()).toEqual([...fields].sort());
      expect(await db.count('SELECT count(*) FROM api.intake_event')).toBe(before);
      expect(await db.count('SELECT count(*) FROM api.outbox')).toBe(0);
    },
  );

  it('refuses malformed JSON and an oversized body as problem+json', async () => {
    const malformed = await api.post('/v1/events/release', '{"eventId": ');
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
    const oversized = await api.post('/v1/events/release', {
      ...buildReleaseEvent(),
      padding: 'x'.repeat(70_000),
    });
    expect(oversized.status).toBe(413);
  });

  it('publishes nothing for refused events: the next good event is the only one on the topic', async () => {
    const refusedIds = [randomUUID(), randomUUID()];
    await api.post('/v1/events/release', {
      ...buildReleaseEvent({ eventId: refusedIds[0] }),
      releaseDate: 'soon',
    });
    await api.post('/v1/events/release', {
      ...buildReleaseEvent({ eventId: refusedIds[1] }),
      prisonNumber: 'nope',
    });
    const fence = buildReleaseEvent({ prisonNumber: uniquePrisonNumber() });
    expect((await api.post('/v1/events/release', fence)).status).toBe(202);

    // The relay publishes the outbox in order, so once the fence is on the topic anything
    // written before it would be there too.
    await expectEventually(() =>
      expect(topic.on(Topics.Release).some((m) => m.value.includes(fence.eventId))).toBe(true),
    );
    expect(
      topic.on(Topics.Release).filter((m) => refusedIds.some((id) => m.value.includes(id))),
    ).toEqual([]);
  });

  it('answers a retried event with the first answer and refuses a different event under the same eventId', async () => {
    const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber() });
    const first = await api.post('/v1/events/release', release);
    expect(await api.post('/v1/events/release', release)).toEqual(first);
    const changed = await api.post('/v1/events/release', { ...release, releaseDate: '2027-01-15' });
    expect(changed.status).toBe(422);
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        release.eventId,
      ]),
    ).toBe(1);
  });

  it('asks for an API key: none or an unknown one gets 401', async () => {
    const none = await fetch('http://127.0.0.1:3290/v1/events/release', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildReleaseEvent()),
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await new HubApiClient('http://127.0.0.1:3290', 'not-a-key').post(
      '/v1/events/release',
      buildReleaseEvent(),
    );
    expect(unknown.status).toBe(401);
  });
});
