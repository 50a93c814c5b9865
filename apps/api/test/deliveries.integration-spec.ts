import { randomBytes, randomUUID } from 'node:crypto';

import {
  DeliveryEventType,
  Topics,
  buildCloudEvent,
  deadLetterTopic,
  type DeliveryStatusV1,
  type DeliveryUpdatedV1,
} from '@throughcare/contracts';
import { TestDatabase, TopicReader, TopicWriter, expectEventually } from '@throughcare/testing';

import { ApiCaller } from './support/api-caller';
import { startApi, type StartedApi } from './support/start-api';

interface Problem {
  type: string;
  status: number;
  errors?: Array<{ field: string }>;
}
interface DeliveryItem {
  deliveryId: string;
  status: string;
  organisationId: string;
  replays: number;
  attempts: Array<Record<string, unknown>>;
  [field: string]: unknown;
}
interface Page {
  deliveries: DeliveryItem[];
  nextCursor: string | null;
}

const T0 = Date.parse('2026-11-05T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function update(
  organisationId: string,
  overrides: Partial<DeliveryUpdatedV1> = {},
): DeliveryUpdatedV1 {
  return {
    deliveryId: `msg_${randomBytes(16).toString('hex')}`,
    noticeId: randomUUID(),
    noticeType: 'throughcare.notice.release.six-weeks',
    organisationId,
    subscriptionId: randomUUID(),
    channel: 'WEBHOOK',
    status: 'DELIVERED',
    createdAt: at(0),
    nextAttemptAt: null,
    deliveredAt: at(1),
    replays: 0,
    attempts: [{ attemptNumber: 1, startedAt: at(1), statusCode: 204, latencyMs: 35, error: null }],
    revision: 1,
    ...overrides,
  };
}

function settled(
  organisationId: string,
  status: DeliveryStatusV1,
  minutes: number,
): DeliveryUpdatedV1 {
  return update(organisationId, { status, createdAt: at(minutes), deliveredAt: null });
}

describe('deliveries in the API (real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let admin: ApiCaller;
  let db: TestDatabase;
  let notifier: TopicWriter;
  let topics: TopicReader;

  /** A subscriber organisation of this test's own, and a caller holding its key. */
  const subscriber = async (): Promise<{ organisationId: string; caller: ApiCaller }> => {
    const organisationId = `cjit-${randomBytes(4).toString('hex')}`;
    await api.admin.registerOrganisation({
      organisationId,
      type: 'CJIT',
      name: `CJIT ${organisationId}`,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty worker', email: `duty@${organisationId}.example` },
    });
    const issued = await admin.post<{ key: string }>('/v1/api-keys', {
      organisationId,
      role: 'subscriber',
    });
    expect(issued.status).toBe(201);
    return { organisationId, caller: new ApiCaller(api.baseUrl, issued.body.key) };
  };

  // The notifier keys updates by organisation, so one organisation's updates share a partition
  // and are read in the order they were published.
  const publish = async (...updates: DeliveryUpdatedV1[]) => {
    for (const data of updates)
      await notifier.publishRaw(
        Topics.Delivery,
        data.organisationId,
        JSON.stringify(
          buildCloudEvent({
            id: `${data.deliveryId}.r${data.revision}`,
            type: DeliveryEventType.DeliveryUpdated,
            time: new Date(),
            data,
          }),
        ),
      );
  };
  /** Waits until the API has read `data` (at its revision or later). */
  const readByApi = (data: DeliveryUpdatedV1) =>
    expectEventually(async () => {
      const [row] = await db.rows<{ revision: number }>(
        'SELECT revision FROM api.delivery WHERE delivery_id = $1',
        [data.deliveryId],
      );
      expect(row?.revision).toBeGreaterThanOrEqual(data.revision);
    });
  const ids = (page: Page) => page.deliveries.map((d) => d.deliveryId);
  const replayRows = (deliveryId: string) =>
    db.count('SELECT count(*) FROM api.delivery_replay_request WHERE delivery_id = $1', [
      deliveryId,
    ]);
  const commandsFor = (deliveryId: string) =>
    topics.on(Topics.DeliveryCommand).filter((m) => m.key === deliveryId);

  beforeAll(async () => {
    api = await startApi(3295);
    admin = new ApiCaller(api.baseUrl, api.adminKey);
    db = new TestDatabase();
    notifier = await new TopicWriter().start();
    topics = await new TopicReader().start([
      Topics.DeliveryCommand,
      deadLetterTopic(Topics.Delivery),
    ]);
  });

  afterAll(async () => {
    await topics?.stop();
    await notifier?.stop();
    await api?.app.close();
    await db?.close();
  });

  it('keeps the highest revision when updates arrive out of order or twice', async () => {
    const { organisationId, caller } = await subscriber();
    const first = update(organisationId, {
      status: 'PENDING',
      deliveredAt: null,
      nextAttemptAt: at(1),
      attempts: [],
      revision: 1,
    });
    const retrying = {
      ...first,
      revision: 2,
      nextAttemptAt: at(6),
      attempts: [
        { attemptNumber: 1, startedAt: at(1), statusCode: 503, latencyMs: 20, error: 'HTTP 503' },
      ],
    };
    const delivered = {
      ...retrying,
      revision: 3,
      status: 'DELIVERED' as const,
      nextAttemptAt: null,
      deliveredAt: at(6),
      attempts: [
        ...retrying.attempts,
        { attemptNumber: 2, startedAt: at(6), statusCode: 200, latencyMs: 41, error: null },
      ],
    };
    // Out of order, the newest twice (a redelivery), and the oldest last.
    await publish(retrying, delivered, delivered, first);
    const barrier = update(organisationId, { revision: 1 });
    await publish(barrier);
    await readByApi(barrier);

    const answer = await caller.get<DeliveryItem>(`/v1/deliveries/${first.deliveryId}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      deliveryId: first.deliveryId,
      noticeId: first.noticeId,
      noticeType: first.noticeType,
      organisationId,
      channel: 'WEBHOOK',
      status: 'DELIVERED',
      createdAt: first.createdAt,
      nextAttemptAt: null,
      deliveredAt: at(6),
      replays: 0,
      attempts: [
        { attemptNumber: 1, startedAt: at(1), statusCode: 503, latencyMs: 20, error: 'HTTP 503' },
        { attemptNumber: 2, startedAt: at(6), statusCode: 200, latencyMs: 41, error: null },
      ],
    });

    // A higher revision still wins: the replay the notifier reports later.
    await publish({ ...delivered, revision: 4, status: 'PENDING', replays: 1, deliveredAt: null });
    await expectEventually(async () => {
      const later = await caller.get<DeliveryItem>(`/v1/deliveries/${first.deliveryId}`);
      expect(later.body).toMatchObject({ status: 'PENDING', replays: 1 });
    });
  });

  it('shows a subscriber only its own deliveries, newest first, and never a withheld one', async () => {
    const leeds = await subscriber();
    const bradford = await subscriber();
    const delivered = settled(leeds.organisationId, 'DELIVERED', 1);
    const withheld = settled(leeds.organisationId, 'WITHHELD', 2);
    const failed = settled(leeds.organisationId, 'FAILED', 3);
    const elsewhere = settled(bradford.organisationId, 'DELIVERED', 4);
    await publish(delivered, withheld, failed, elsewhere);
    await readByApi(failed);
    await readByApi(elsewhere);

    const own = await leeds.caller.get<Page>('/v1/deliveries');
    const asWithheld = await leeds.caller.get<Page>('/v1/deliveries?status=WITHHELD');
    const oneWithheld = await leeds.caller.get<Problem>(`/v1/deliveries/${withheld.deliveryId}`);
    const oneElsewhere = await leeds.caller.get<Problem>(`/v1/deliveries/${elsewhere.deliveryId}`);
    const otherOrganisation = await leeds.caller.get<Problem>(
      `/v1/deliveries?organisationId=${bradford.organisationId}`,
    );

    expect(own.status).toBe(200);
    expect(ids(own.body)).toEqual([failed.deliveryId, delivered.deliveryId]);
    expect(own.body.nextCursor).toBeNull();
    expect(asWithheld.body.deliveries).toEqual([]);
    expect(oneWithheld.status).toBe(404);
    expect(oneElsewhere.status).toBe(404);
    expect(oneWithheld.body.type).toBe(oneElsewhere.body.type);
    expect(otherOrganisation.status).toBe(403);
  });

  it('shows admin every delivery, withheld ones too, filtered and a page at a time', async () => {
    const { organisationId } = await subscriber();
    const rows = [
      settled(organisationId, 'DELIVERED', 10),
      settled(organisationId, 'WITHHELD', 11),
      settled(organisationId, 'FAILED', 12),
      settled(organisationId, 'DELIVERED', 13),
      settled(organisationId, 'PENDING', 14),
    ];
    await publish(...rows);
    await readByApi(rows[4]!);
    const newestFirst = rows.map((r) => r.deliveryId).reverse();
    const base = `/v1/deliveries?organisationId=${organisationId}`;

    const all = await admin.get<Page>(base);
    const withheld = await admin.get<Page>(`${base}&status=WITHHELD`);
    const window = await admin.get<Page>(`${base}&from=${at(11)}&to=${at(13)}`);
    const firstPage = await admin.get<Page>(`${base}&limit=2`);
    const secondPage = await admin.get<Page>(`${base}&limit=2&cursor=${firstPage.body.nextCursor}`);
    const lastPage = await admin.get<Page>(`${base}&limit=2&cursor=${secondPage.body.nextCursor}`);

    expect(ids(all.body)).toEqual(newestFirst);
    expect(ids(withheld.body)).toEqual([rows[1]!.deliveryId]);
    // `from` is inclusive and `to` exclusive.
    expect(ids(window.body)).toEqual([rows[2]!.deliveryId, rows[1]!.deliveryId]);
    expect([firstPage, secondPage, lastPage].map((p) => ids(p.body))).toEqual([
      newestFirst.slice(0, 2),
      newestFirst.slice(2, 4),
      newestFirst.slice(4),
    ]);
    expect(lastPage.body.nextCursor).toBeNull();
  });

  it('answers 401 without a key and 403 to a prison key', async () => {
    const prison = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-leeds-deliveries', ['LEI']));

    const anonymous = await new ApiCaller(api.baseUrl, undefined).get<Problem>('/v1/deliveries');
    const asPrison = await prison.get<Problem>('/v1/deliveries');
    const prisonReplay = await prison.post<Problem>('/v1/deliveries/msg_x/replay', undefined);

    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(asPrison.status).toBe(403);
    expect(prisonReplay.status).toBe(403);
  });

  it('refuses a bad query with one problem entry per bad field', async () => {
    const { caller } = await subscriber();

    const badFields = await caller.get<Problem>('/v1/deliveries?status=SENT&limit=501');
    const badWindow = await caller.get<Problem>(`/v1/deliveries?from=${at(10)}&to=${at(5)}`);
    const badCursor = await caller.get<Problem>('/v1/deliveries?cursor=bm90LWEtY3Vyc29y');

    expect(badFields.status).toBe(400);
    expect(badFields.body.errors?.map((e) => e.field).sort()).toEqual(['limit', 'status']);
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.errors?.map((e) => e.field)).toEqual(['to']);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors?.map((e) => e.field)).toEqual(['cursor']);
  });

  it('accepts a replay of a delivered notice and publishes the command keyed by the delivery', async () => {
    const { organisationId, caller } = await subscriber();
    const delivered = settled(organisationId, 'DELIVERED', 20);
    await publish(delivered);
    await readByApi(delivered);

    const answer = await caller.post(`/v1/deliveries/${delivered.deliveryId}/replay`, undefined);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ deliveryId: delivered.deliveryId, status: 'replay-requested' });
    const command = await expectEventually(() => {
      const [found] = commandsFor(delivered.deliveryId);
      expect(found).toBeDefined();
      return found!;
    });
    const event = JSON.parse(command.value) as { type: string; subject?: string; data: unknown };
    expect(event.type).toBe(DeliveryEventType.ReplayRequested);
    expect(event.subject).toBeUndefined();
    expect(event.data).toEqual({
      deliveryId: delivered.deliveryId,
      requestedBy: organisationId,
      requestedAt: expect.any(String),
    });
    expect(await replayRows(delivered.deliveryId)).toBe(1);
  });

  it('answers a retry with the same Idempotency-Key as the first time, asking only once', async () => {
    const { organisationId, caller } = await subscriber();
    const failed = settled(organisationId, 'FAILED', 21);
    await publish(failed);
    await readByApi(failed);
    const path = `/v1/deliveries/${failed.deliveryId}/replay`;
    const headers = { 'Idempotency-Key': randomUUID() };

    const first = await caller.request('POST', path, { headers });
    const retry = await caller.request('POST', path, { headers });
    const adminAsks = await admin.post(path, undefined);

    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(adminAsks.status).toBe(202);
    // Two requests (the subscriber's and admin's), two commands: the retry added neither.
    await expectEventually(() => expect(commandsFor(failed.deliveryId)).toHaveLength(2));
    expect(await replayRows(failed.deliveryId)).toBe(2);
    const requestedBy = commandsFor(failed.deliveryId).map(
      (m) => (JSON.parse(m.value) as { data: { requestedBy: string } }).data.requestedBy,
    );
    expect(requestedBy.sort()).toEqual(['admin', organisationId].sort());
  });

  it('refuses to replay what has not settled (409), and hides what is not the caller’s (404)', async () => {
    const leeds = await subscriber();
    const bradford = await subscriber();
    const pending = settled(leeds.organisationId, 'PENDING', 30);
    const paused = settled(leeds.organisationId, 'PAUSED', 31);
    const withheld = settled(leeds.organisationId, 'WITHHELD', 32);
    const elsewhere = settled(bradford.organisationId, 'FAILED', 33);
    await publish(pending, paused, withheld, elsewhere);
    await readByApi(withheld);
    await readByApi(elsewhere);
    const replay = (caller: ApiCaller, deliveryId: string) =>
      caller.post<Problem>(`/v1/deliveries/${deliveryId}/replay`, undefined);

    const answers = {
      pending: await replay(leeds.caller, pending.deliveryId),
      paused: await replay(leeds.caller, paused.deliveryId),
      ownWithheld: await replay(leeds.caller, withheld.deliveryId),
      adminWithheld: await replay(admin, withheld.deliveryId),
      elsewhere: await replay(leeds.caller, elsewhere.deliveryId),
      unknown: await replay(leeds.caller, `msg_${randomBytes(16).toString('hex')}`),
    };

    expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual({
      pending: 409,
      paused: 409,
      ownWithheld: 404,
      adminWithheld: 409,
      elsewhere: 404,
      unknown: 404,
    });
    expect(answers.pending.body.type).toMatch(/\/conflict$/);
    // Withheld and unknown read alike: nothing says a notice about someone was withheld.
    const kind = (problem: Problem & { title?: string }) => [problem.type, problem.title];
    expect(kind(answers.ownWithheld.body)).toEqual(kind(answers.unknown.body));
    for (const row of [pending, paused, withheld, elsewhere])
      expect(await replayRows(row.deliveryId)).toBe(0);
    expect(commandsFor(pending.deliveryId)).toEqual([]);
  });

  it('sends an update that is not a valid delivery to the dead-letter topic', async () => {
    const { organisationId, caller } = await subscriber();
    const invalid = {
      ...update(organisationId),
      // A personal field has no place in a delivery update.
      prisonNumber: 'A1234BC',
    } as DeliveryUpdatedV1;

    await publish(invalid);

    const dead = await expectEventually(() => {
      const [found] = topics
        .on(deadLetterTopic(Topics.Delivery))
        .filter((m) => m.value.includes(invalid.deliveryId));
      expect(found).toBeDefined();
      return found!;
    });
    expect(dead.headers['x-dlq-reason']).toMatch(/prisonNumber/);
    expect((await caller.get(`/v1/deliveries/${invalid.deliveryId}`)).status).toBe(404);
  });
});
