import { IntakeEventType, KafkaHeader, Topics, deadLetterTopic } from '@throughcare/contracts';
import {
  HubApiClient,
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildCourtRelease,
  buildDischarge,
  buildReception,
  buildReleaseCancelled,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
} from '@throughcare/testing';

import { startApi, type StartedApi } from './support/start-api';
import { dateFromToday, hoursAgo } from './support/intake-fixtures';

const ALL_TOPICS = [
  Topics.Reception,
  Topics.Transfer,
  Topics.Release,
  Topics.CourtRelease,
  Topics.IntakeAccepted,
];
const DLQS = [Topics.Reception, Topics.Transfer, Topics.Release, Topics.CourtRelease].map(
  deadLetterTopic,
);

describe('intake over HTTP and straight from Kafka (api against real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let leeds: HubApiClient;
  let db: TestDatabase;
  let topics: TopicReader;
  let prison: TopicWriter;

  const accepted = (eventId: string) =>
    topics
      .on(Topics.IntakeAccepted)
      .filter((m) => (JSON.parse(m.value) as { id: string }).id === eventId);
  const acceptedChange = async (eventId: string) =>
    expectEventually(() => {
      const [message] = accepted(eventId);
      expect(message).toBeDefined();
      return JSON.parse(message!.value) as { custodychange: string; previousreleasedate?: string };
    });
  const person = async (prisonNumber: string) =>
    (
      await db.rows<{ status: string; establishment: string; release_date: string | null }>(
        `SELECT status, establishment, to_char(release_date, 'YYYY-MM-DD') AS release_date FROM api.person WHERE prison_number = $1`,
        [prisonNumber],
      )
    )[0];

  beforeAll(async () => {
    api = await startApi(3291);
    leeds = await api.prisonClient('hmp-leeds-paths', ['LEI']);
    db = new TestDatabase();
    topics = await new TopicReader().start([...ALL_TOPICS, ...DLQS]);
    prison = await new TopicWriter().start();
  });

  afterAll(async () => {
    await prison?.stop();
    await topics?.stop();
    await api?.app.close();
    await db?.close();
  });

  it('takes a whole custody episode over HTTP, each event accepted onto the record and published', async () => {
    const prisonNumber = uniquePrisonNumber();
    const steps: Array<[string, object, string]> = [
      ['reception', buildReception({ prisonNumber, receivedAt: hoursAgo(50) }), 'RECEIVED'],
      [
        'release',
        buildReleaseEvent({
          prisonNumber,
          releaseDate: dateFromToday(30),
          occurredAt: hoursAgo(40),
        }),
        'RELEASE_PLANNED',
      ],
      [
        'release-cancelled',
        buildReleaseCancelled({ prisonNumber, occurredAt: hoursAgo(30) }),
        'RELEASE_CANCELLED',
      ],
      [
        'release',
        buildReleaseEvent({
          prisonNumber,
          releaseDate: dateFromToday(40),
          occurredAt: hoursAgo(20),
        }),
        'RELEASE_PLANNED',
      ],
      [
        'transfer',
        buildTransfer({
          prisonNumber,
          fromEstablishment: 'LEI',
          toEstablishment: 'MDI',
          transferredAt: hoursAgo(10),
        }),
        'TRANSFERRED',
      ],
      [
        'discharge',
        buildDischarge({ prisonNumber, establishment: 'MDI', dischargedAt: hoursAgo(1) }),
        'DISCHARGED',
      ],
    ];
    for (const [path, body, change] of steps) {
      const answer = await api.admin.post(`/v1/events/${path}`, body);
      expect(answer.status).toBe(202);
      expect(await acceptedChange((body as { eventId: string }).eventId)).toMatchObject({
        custodychange: change,
      });
    }
    expect(await person(prisonNumber)).toMatchObject({ status: 'RELEASED', establishment: 'MDI' });
    // HTTP events are also published on their contract topic, as a prison system would.
    const released = steps[5]![1] as { eventId: string };
    await expectEventually(() =>
      expect(topics.on(Topics.Release).some((m) => m.value.includes(released.eventId))).toBe(true),
    );
  });

  it('takes a court release over HTTP for a person it has never seen, opening the record', async () => {
    const release = buildCourtRelease({
      prisonNumber: uniquePrisonNumber(),
      releasedAt: hoursAgo(1),
    });
    expect((await leeds.post('/v1/events/court-release', release)).status).toBe(202);
    expect(await acceptedChange(release.eventId)).toMatchObject({
      custodychange: 'RELEASED_FROM_COURT',
    });
    expect(await person(release.prisonNumber)).toMatchObject({
      status: 'RELEASED_FROM_COURT',
      establishment: 'LEI',
    });
  });

  it.each([
    [
      Topics.Reception,
      IntakeEventType.ReceptionReceived,
      (pn: string) => buildReception({ prisonNumber: pn, receivedAt: hoursAgo(9) }),
      'RECEIVED',
    ],
    [
      Topics.Transfer,
      IntakeEventType.TransferCompleted,
      (pn: string) => buildTransfer({ prisonNumber: pn, transferredAt: hoursAgo(9) }),
      'TRANSFERRED',
    ],
    [
      Topics.Release,
      IntakeEventType.ReleasePlanned,
      (pn: string) => buildReleaseEvent({ prisonNumber: pn, releaseDate: dateFromToday(20) }),
      'RELEASE_PLANNED',
    ],
    [
      Topics.Release,
      IntakeEventType.ReleaseCancelled,
      (pn: string) => buildReleaseCancelled({ prisonNumber: pn }),
      'RELEASE_CANCELLED',
    ],
    [
      Topics.Release,
      IntakeEventType.ReleaseDischarged,
      (pn: string) => buildDischarge({ prisonNumber: pn, dischargedAt: hoursAgo(9) }),
      'DISCHARGED',
    ],
    [
      Topics.CourtRelease,
      IntakeEventType.CourtReleaseReleased,
      (pn: string) => buildCourtRelease({ prisonNumber: pn, releasedAt: hoursAgo(9) }),
      'RELEASED_FROM_COURT',
    ],
  ])(
    'handles %s / %s published straight onto Kafka like the HTTP path',
    async (topic, type, build, change) => {
      const data = build(uniquePrisonNumber());
      await prison.publishEvent(topic, type, data);
      expect(await acceptedChange(data.eventId)).toMatchObject({ custodychange: change });
      const [row] = await db.rows<{ source: string; type: string }>(
        'SELECT source, type FROM api.intake_event WHERE event_id = $1',
        [data.eventId],
      );
      expect(row).toEqual({ source: 'kafka', type });
    },
  );

  it('processes the same eventId once on the Kafka path', async () => {
    const reception = buildReception({
      prisonNumber: uniquePrisonNumber(),
      receivedAt: hoursAgo(3),
    });
    await prison.publishEvent(Topics.Reception, IntakeEventType.ReceptionReceived, reception);
    await prison.publishEvent(Topics.Reception, IntakeEventType.ReceptionReceived, reception);
    await acceptedChange(reception.eventId);
    // Both copies consumed (the group's offset reached the end of the topic): still one.
    await waitForConsumersToCatchUp([
      { groupId: `throughcare-api${process.env['KAFKA_GROUP_SUFFIX']}`, topic: Topics.Reception },
    ]);
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        reception.eventId,
      ]),
    ).toBe(1);
    expect(accepted(reception.eventId)).toHaveLength(1);
  });

  it('lets a re-planned release supersede the old date, and a cancelled one stop being upcoming', async () => {
    const prisonNumber = uniquePrisonNumber();
    const first = buildReleaseEvent({
      prisonNumber,
      releaseDate: dateFromToday(25),
      occurredAt: hoursAgo(5),
    });
    const second = buildReleaseEvent({
      prisonNumber,
      releaseDate: dateFromToday(27),
      occurredAt: hoursAgo(4),
    });
    await leeds.post('/v1/events/release', first);
    await leeds.post('/v1/events/release', second);
    expect(await acceptedChange(second.eventId)).toMatchObject({
      custodychange: 'RELEASE_REPLANNED',
      previousreleasedate: first.releaseDate,
    });
    const upcoming = await leeds.get(
      `/v1/releases?establishment=LEI&from=${dateFromToday(0)}&to=${dateFromToday(60)}`,
    );
    expect(upcoming.status).toBe(200);
    const mine = (
      upcoming.body as { releases: Array<{ prisonNumber: string; releaseDate: string }> }
    ).releases.filter((r) => r.prisonNumber === prisonNumber);
    expect(mine).toEqual([
      expect.objectContaining({
        releaseDate: second.releaseDate,
        steps: { sixWeeks: 'PENDING', twoDays: 'PENDING', dayOfRelease: 'PENDING' },
      }),
    ]);

    expect(
      (
        await leeds.post(
          '/v1/events/release-cancelled',
          buildReleaseCancelled({ prisonNumber, occurredAt: hoursAgo(3) }),
        )
      ).status,
    ).toBe(202);
    const after = await leeds.get(
      `/v1/releases?establishment=LEI&from=${dateFromToday(0)}&to=${dateFromToday(60)}`,
    );
    expect(
      (after.body as { releases: Array<{ prisonNumber: string }> }).releases.map(
        (r) => r.prisonNumber,
      ),
    ).not.toContain(prisonNumber);
  });

  it.each([
    [
      'a second discharge from the same episode',
      'discharge',
      (pn: string) => [buildDischarge({ prisonNumber: pn, dischargedAt: hoursAgo(2) })],
      (pn: string) => buildDischarge({ prisonNumber: pn, dischargedAt: hoursAgo(1) }),
      /already released from this custody episode/,
    ],
    [
      'a transfer from a prison the person is known not to be in',
      'transfer',
      (pn: string) => [buildReception({ prisonNumber: pn, receivedAt: hoursAgo(5) })],
      (pn: string) =>
        buildTransfer({
          prisonNumber: pn,
          fromEstablishment: 'MDI',
          toEstablishment: 'LEI',
          transferredAt: hoursAgo(1),
        }),
      /held at LEI, not MDI/,
    ],
    [
      'a release for someone already released',
      'release',
      (pn: string) => [buildDischarge({ prisonNumber: pn, dischargedAt: hoursAgo(2) })],
      (pn: string) => buildReleaseEvent({ prisonNumber: pn, releaseDate: dateFromToday(10) }),
      /has not been received since/,
    ],
  ])(
    'refuses %s with 409 and the reason, and writes nothing',
    async (_name, path, before, build, reason) => {
      const prisonNumber = uniquePrisonNumber();
      for (const event of before(prisonNumber)) {
        const kind = 'dischargedAt' in event ? 'discharge' : 'reception';
        expect((await api.admin.post(`/v1/events/${kind}`, event)).status).toBe(202);
      }
      const refused = build(prisonNumber);
      const answer = await api.admin.post(`/v1/events/${path}`, refused);
      expect(answer.status).toBe(409);
      expect(answer.contentType).toContain('application/problem+json');
      expect((answer.body as { detail: string }).detail).toMatch(reason);
      expect(
        await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
          refused.eventId,
        ]),
      ).toBe(0);
    },
  );

  it('sends a contradicting event on the Kafka path to the DLQ with the reason', async () => {
    const discharge = buildDischarge({
      prisonNumber: uniquePrisonNumber(),
      dischargedAt: hoursAgo(2),
    });
    await prison.publishEvent(Topics.Release, IntakeEventType.ReleaseDischarged, discharge);
    await acceptedChange(discharge.eventId);
    const again = buildDischarge({
      prisonNumber: discharge.prisonNumber,
      dischargedAt: hoursAgo(1),
    });
    await prison.publishEvent(Topics.Release, IntakeEventType.ReleaseDischarged, again);
    const dead = await expectEventually(() => {
      const found = topics
        .on(deadLetterTopic(Topics.Release))
        .find((m) => m.value.includes(again.eventId));
      expect(found).toBeDefined();
      return found!;
    });
    expect(dead.headers[KafkaHeader.DeadLetterReason]).toMatch(
      /already released from this custody episode/,
    );
    expect(accepted(again.eventId)).toEqual([]);
  });

  it('dead-letters a poison message and still processes the good message behind it on the partition', async () => {
    const good = buildReception({ prisonNumber: uniquePrisonNumber(), receivedAt: hoursAgo(1) });
    await prison.publishRaw(Topics.Reception, good.prisonNumber, '{"this is": not json');
    await prison.publishEvent(Topics.Reception, IntakeEventType.ReceptionReceived, good);
    expect(await acceptedChange(good.eventId)).toMatchObject({ custodychange: 'RECEIVED' });
    const dead = topics
      .on(deadLetterTopic(Topics.Reception))
      .find((m) => m.key === good.prisonNumber);
    expect(dead?.headers[KafkaHeader.DeadLetterReason]).toBe('value is not valid JSON');
  });

  it('orders transfers by when they happened, not when they arrived', async () => {
    const prisonNumber = uniquePrisonNumber();
    const newer = buildTransfer({
      prisonNumber,
      fromEstablishment: 'MDI',
      toEstablishment: 'WWI',
      transferredAt: hoursAgo(2),
    });
    const older = buildTransfer({
      prisonNumber,
      fromEstablishment: 'LEI',
      toEstablishment: 'MDI',
      transferredAt: hoursAgo(6),
    });
    await prison.publishEvent(Topics.Transfer, IntakeEventType.TransferCompleted, newer);
    await prison.publishEvent(Topics.Transfer, IntakeEventType.TransferCompleted, older);
    expect(await acceptedChange(older.eventId)).toMatchObject({ custodychange: 'RECORDED_LATE' });
    expect(await person(prisonNumber)).toMatchObject({ establishment: 'WWI' });
    const timeline = await api.admin.get(`/v1/people/${prisonNumber}/timeline`);
    const entries = (timeline.body as { entries: Array<{ eventId: string }> }).entries;
    expect(entries.map((e) => e.eventId)).toEqual([older.eventId, newer.eventId]);
  });

  it('keeps a prison key to its own establishments: LEI posting for MDI gets 403, no key 401', async () => {
    const forMoorland = buildReception({
      prisonNumber: uniquePrisonNumber(),
      establishment: 'MDI',
      receivedAt: hoursAgo(1),
    });
    const forbidden = await leeds.post('/v1/events/reception', forMoorland);
    expect(forbidden.status).toBe(403);
    expect(forbidden.contentType).toContain('application/problem+json');
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        forMoorland.eventId,
      ]),
    ).toBe(0);
    const anonymous = await fetch(`${api.baseUrl}/v1/events/reception`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forMoorland),
    });
    expect(anonymous.status).toBe(401);
    expect((await leeds.post('/v1/organisations', { organisationId: 'x-org' })).status).toBe(403);
  });

  it('stores keys hashed, shows them once, and stops accepting a revoked key', async () => {
    const issued = await api.admin.post('/v1/api-keys', {
      organisationId: 'hmp-leeds-paths',
      role: 'prison',
      establishments: ['LEI'],
    });
    const { id, key } = issued.body as { id: string; key: string };
    expect(
      await db.count('SELECT count(*) FROM api.api_key WHERE key_hash = $1 OR key_hash = $2', [
        key,
        id,
      ]),
    ).toBe(0);
    const client = new HubApiClient(api.baseUrl, key);
    expect((await client.get(`/v1/releases?establishment=LEI`)).status).toBe(200);
    expect((await api.admin.delete(`/v1/api-keys/${id}`)).status).toBe(204);
    expect((await client.get(`/v1/releases?establishment=LEI`)).status).toBe(401);
  });

  it('answers a retried event with the first answer, and refuses a different event under the same eventId with 422', async () => {
    const reception = buildReception({
      prisonNumber: uniquePrisonNumber(),
      receivedAt: hoursAgo(2),
    });
    const first = await leeds.post('/v1/events/reception', reception);
    expect(await leeds.post('/v1/events/reception', reception)).toEqual(first);
    const changed = await leeds.post('/v1/events/reception', {
      ...reception,
      receptionType: 'REMAND',
    });
    expect(changed.status).toBe(422);
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        reception.eventId,
      ]),
    ).toBe(1);
  });

  it('serves its OpenAPI document and a browsable page without a key', async () => {
    const document = (await (await fetch(`${api.baseUrl}/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toMatch(/^3\.1/);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/events/court-release',
        '/v1/people/{prisonNumber}/timeline',
        '/v1/releases',
      ]),
    );
    const page = await fetch(`${api.baseUrl}/v1/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('lets a subscriber key register webhooks for its own organisation only', async () => {
    await api.admin.registerOrganisation({
      organisationId: 'sub-own-cjit',
      type: 'CJIT',
      name: 'Own CJIT',
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty', email: 'duty@own.example' },
    });
    const issued = await api.admin.post('/v1/api-keys', {
      organisationId: 'sub-own-cjit',
      role: 'subscriber',
    });
    const subscriber = new HubApiClient(api.baseUrl, (issued.body as { key: string }).key);
    const own = await subscriber.post('/v1/subscriptions', {
      organisationId: 'sub-own-cjit',
      url: 'http://127.0.0.1:9/hook',
      types: ['throughcare.notice.release.*'],
    });
    expect(own.status).toBe(201);
    const other = await subscriber.post('/v1/subscriptions', {
      organisationId: 'hmp-leeds-paths',
      url: 'http://127.0.0.1:9/hook',
      types: ['throughcare.notice.release.*'],
    });
    expect(other.status).toBe(403);
    expect((await subscriber.post('/v1/events/reception', buildReception())).status).toBe(403);
  });
});
