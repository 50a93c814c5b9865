import { randomUUID } from 'node:crypto';

import { ConsentEventType, Topics } from '@throughcare/contracts';
import {
  TestDatabase,
  TopicReader,
  buildReception,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { ApiCaller } from './support/api-caller';
import { hoursAgo } from './support/intake-fixtures';
import { startApi, type StartedApi } from './support/start-api';

type Json = Record<string, unknown>;
interface Problem {
  type: string;
  status: number;
  errors?: Array<{ field: string }>;
}

const REASON = 'Told the healthcare team of a plan to overdose on the day of release.';

const consent = (overrides: Json = {}): Json => ({
  communityTreatment: true,
  cjit: true,
  probation: true,
  ndtms: false,
  releasePlanSigned: false,
  recordedBy: 'CARAT worker 4411',
  recordedAt: hoursAgo(3),
  ...overrides,
});

const riskOverride = (overrides: Json = {}): Json => ({
  ground: 'SELF_HARM_OR_SUICIDE',
  reason: REASON,
  scope: ['cjit', 'probation'],
  authorisedBy: 'Healthcare manager 207',
  recordedAt: hoursAgo(1),
  consentSoughtFirst: true,
  personInformed: false,
  expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  ...overrides,
});

describe('consent and risk overrides (api against real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let admin: ApiCaller;
  let leeds: ApiCaller;
  let manchester: ApiCaller;
  let db: TestDatabase;
  let topics: TopicReader;

  /** A person the hub knows, received at HMP Leeds. */
  const personAtLeeds = async (): Promise<string> => {
    const reception = buildReception({
      prisonNumber: uniquePrisonNumber(),
      establishment: 'LEI',
      receivedAt: hoursAgo(48),
    });
    const answer = await leeds.post('/v1/events/reception', reception);
    expect(answer.status).toBe(202);
    return reception.prisonNumber;
  };
  const consentEvents = (prisonNumber: string) =>
    topics
      .on(Topics.Consent)
      .filter((m) => m.key === prisonNumber)
      .map((m) => JSON.parse(m.value) as { id: string; type: string; data: Json });
  const consentRows = (prisonNumber: string) =>
    db.count('SELECT count(*) FROM api.consent_record WHERE prison_number = $1', [prisonNumber]);

  beforeAll(async () => {
    api = await startApi(3293);
    admin = new ApiCaller(api.baseUrl, api.adminKey);
    leeds = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-leeds-consent', ['LEI']));
    manchester = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-manchester-consent', ['MNI']));
    db = new TestDatabase();
    topics = await new TopicReader().start([Topics.Consent]);
  });

  afterAll(async () => {
    await topics?.stop();
    await api?.app.close();
    await db?.close();
  });

  it('records each PUT as a new version, keeps the history and publishes each version', async () => {
    const prisonNumber = await personAtLeeds();
    const path = `/v1/people/${prisonNumber}/consent`;
    const first = consent({ recordedAt: hoursAgo(5) });
    const second = consent({ cjit: false, releasePlanSigned: true, recordedAt: hoursAgo(4) });

    const v1 = await leeds.put(path, first);
    const v2 = await leeds.put(path, second);

    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({
      prisonNumber,
      version: 1,
      ...first,
      recordedByOrganisation: 'hmp-leeds-consent',
    });
    expect(v2.body).toMatchObject({
      prisonNumber,
      version: 2,
      cjit: false,
      releasePlanSigned: true,
    });
    const record = await leeds.get<{ current: Json; history: Json[]; riskOverrides: Json[] }>(path);
    expect(record.status).toBe(200);
    expect(record.body.current).toEqual(v2.body);
    expect(record.body.history).toEqual([v1.body, v2.body]);
    expect(record.body.riskOverrides).toEqual([]);
    const events = await expectEventually(() => {
      const found = consentEvents(prisonNumber);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(events.map((e) => [e.type, e.data['version'], e.data['cjit']])).toEqual([
      [ConsentEventType.ConsentRecorded, 1, true],
      [ConsentEventType.ConsentRecorded, 2, false],
    ]);
    expect(events[1]?.data).toEqual({ ...second, prisonNumber, version: 2 });
  });

  it('shows each consent version on the timeline, against the one before', async () => {
    const prisonNumber = await personAtLeeds();
    const path = `/v1/people/${prisonNumber}/consent`;
    await leeds.put(path, consent({ recordedAt: hoursAgo(5) }));
    await leeds.put(
      path,
      consent({ cjit: false, releasePlanSigned: true, recordedAt: hoursAgo(4) }),
    );

    const timeline = await leeds.get<{ entries: Json[] }>(`/v1/people/${prisonNumber}/timeline`);

    expect(timeline.body.entries.filter((e) => e['kind'] === 'consent')).toEqual([
      expect.objectContaining({
        version: 1,
        type: ConsentEventType.ConsentRecorded,
        summary:
          'consent v1: communityTreatment, cjit, probation granted; ndtms not granted; release plan not signed',
      }),
      expect.objectContaining({
        version: 2,
        summary: 'consent v2: cjit withdrawn; release plan signed',
      }),
    ]);
    expect(timeline.body.entries.map((e) => e['kind'])).toEqual(['event', 'consent', 'consent']);
  });

  it('lets an admin record consent for anyone, as organisation admin', async () => {
    const prisonNumber = await personAtLeeds();
    const answer = await admin.put(`/v1/people/${prisonNumber}/consent`, consent());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ version: 1, recordedByOrganisation: 'admin' });
  });

  describe('who may', () => {
    let prisonNumber: string;

    beforeAll(async () => {
      prisonNumber = await personAtLeeds();
    });

    it.each([
      ['PUT', 'consent', consent()],
      ['GET', 'consent', undefined],
      ['POST', 'risk-override', riskOverride()],
    ] as const)(
      'answers %s %s from a prison the person was never at 404, as if unknown, writing nothing',
      async (method, route, body) => {
        const answer = await manchester.request<Problem>(
          method,
          `/v1/people/${prisonNumber}/${route}`,
          { body },
        );
        // The same 404 as for an unknown person (docs/security/access-rules.md ACC-6).
        expect(answer.status).toBe(404);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.body.type).toMatch(/\/not-found$/);
        expect(await consentRows(prisonNumber)).toBe(0);
        expect(
          await db.count('SELECT count(*) FROM api.risk_override WHERE prison_number = $1', [
            prisonNumber,
          ]),
        ).toBe(0);
      },
    );

    it.each([
      ['PUT', 'consent', consent()],
      ['GET', 'consent', undefined],
      ['POST', 'risk-override', riskOverride()],
    ] as const)('answers %s %s without a key 401', async (method, route, body) => {
      const anonymous = new ApiCaller(api.baseUrl, undefined);
      const answer = await anonymous.request<Problem>(
        method,
        `/v1/people/${prisonNumber}/${route}`,
        {
          body,
        },
      );
      expect(answer.status).toBe(401);
      expect(answer.body.type).toMatch(/\/unauthenticated$/);
    });

    it.each([
      ['PUT', 'consent', consent()],
      ['GET', 'consent', undefined],
      ['POST', 'risk-override', riskOverride()],
    ] as const)(
      'answers %s %s for a person the hub has never seen 404',
      async (method, route, body) => {
        const unknown = uniquePrisonNumber();
        const answer = await admin.request<Problem>(method, `/v1/people/${unknown}/${route}`, {
          body,
        });
        expect(answer.status).toBe(404);
        expect(answer.body.type).toMatch(/\/not-found$/);
        expect(await consentRows(unknown)).toBe(0);
      },
    );
  });

  it('refuses a consent body with one problem entry per bad field, writing nothing', async () => {
    const prisonNumber = await personAtLeeds();
    const bad = consent({ communityTreatment: 'yes', recordedBy: '', recordedAt: 'yesterday' });
    delete bad['releasePlanSigned'];
    bad['shareWithFamily'] = true;

    const answer = await leeds.put<Problem>(`/v1/people/${prisonNumber}/consent`, bad);

    expect(answer.status).toBe(400);
    expect(answer.body.type).toMatch(/\/validation$/);
    expect(answer.body.errors?.map((e) => e.field).sort()).toEqual([
      'communityTreatment',
      'recordedAt',
      'recordedBy',
      'releasePlanSigned',
      'shareWithFamily',
    ]);
    expect(await consentRows(prisonNumber)).toBe(0);
  });

  it('records a risk override, publishing it without the reason', async () => {
    const prisonNumber = await personAtLeeds();
    const body = riskOverride();

    const answer = await leeds.post(`/v1/people/${prisonNumber}/risk-override`, body);

    expect(answer.status).toBe(201);
    const overrideId = answer.body['overrideId'] as string;
    expect(overrideId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).toMatchObject({
      prisonNumber,
      ground: 'SELF_HARM_OR_SUICIDE',
      scope: ['cjit', 'probation'],
      recordedByOrganisation: 'hmp-leeds-consent',
    });
    expect(answer.text).not.toContain('overdose');
    const [row] = await db.rows<{ reason: string; scope: string[] }>(
      'SELECT reason, scope FROM api.risk_override WHERE override_id = $1',
      [overrideId],
    );
    expect(row).toEqual({ reason: REASON, scope: ['cjit', 'probation'] });
    const event = await expectEventually(() => {
      const [found] = topics
        .on(Topics.Consent)
        .filter((m) => m.key === prisonNumber && m.value.includes(overrideId));
      expect(found).toBeDefined();
      return found!;
    });
    expect(event.value).not.toContain('overdose');
    expect(JSON.parse(event.value)).toMatchObject({
      id: overrideId,
      type: ConsentEventType.RiskOverrideRecorded,
      subject: prisonNumber,
      data: {
        overrideId,
        prisonNumber,
        ground: 'SELF_HARM_OR_SUICIDE',
        scope: ['cjit', 'probation'],
        authorisedBy: 'Healthcare manager 207',
        recordedAt: body['recordedAt'],
        expiresAt: body['expiresAt'],
      },
    });
    expect(Object.keys((JSON.parse(event.value) as { data: Json }).data)).not.toContain('reason');
  });

  it('keeps the reason on the consent record and off the timeline', async () => {
    const prisonNumber = await personAtLeeds();
    const created = await leeds.post(`/v1/people/${prisonNumber}/risk-override`, riskOverride());

    const record = await leeds.get<{ riskOverrides: Json[] }>(`/v1/people/${prisonNumber}/consent`);
    const timeline = await leeds.get(`/v1/people/${prisonNumber}/timeline`);

    expect(record.body.riskOverrides).toEqual([{ ...created.body, reason: REASON }]);
    expect(timeline.body['entries']).toContainEqual(
      expect.objectContaining({
        kind: 'risk-override',
        overrideId: created.body['overrideId'],
        summary: expect.stringMatching(
          /^risk override on SELF_HARM_OR_SUICIDE for cjit, probation/,
        ),
      }),
    );
    expect(timeline.text).not.toContain('overdose');
  });

  it.each([
    ['before', new Date(Date.now() - 2 * 3_600_000).toISOString()],
    ['at the same instant', undefined],
  ])(
    'refuses an override that expires %s it is recorded, naming expiresAt',
    async (_c, expiresAt) => {
      const prisonNumber = await personAtLeeds();
      const recordedAt = hoursAgo(1);
      const answer = await leeds.post<Problem>(
        `/v1/people/${prisonNumber}/risk-override`,
        riskOverride({ recordedAt, expiresAt: expiresAt ?? recordedAt }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.map((e) => e.field)).toEqual(['expiresAt']);
      expect(
        await db.count('SELECT count(*) FROM api.risk_override WHERE prison_number = $1', [
          prisonNumber,
        ]),
      ).toBe(0);
    },
  );

  describe('Idempotency-Key', () => {
    it('replays the first answer to a retried PUT and writes nothing new', async () => {
      const prisonNumber = await personAtLeeds();
      const path = `/v1/people/${prisonNumber}/consent`;
      const body = consent();
      const key = { 'Idempotency-Key': randomUUID() };

      const first = await leeds.put(path, body, key);
      const retry = await leeds.put(path, body, key);

      expect(first.status).toBe(200);
      expect(retry.status).toBe(200);
      expect(retry.text).toBe(first.text);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await consentRows(prisonNumber)).toBe(1);
      // A later write on the same partition: had the retry published, its event would come first.
      await leeds.put(path, consent({ ndtms: true }));
      const versions = await expectEventually(() => {
        const found = consentEvents(prisonNumber).map((e) => e.data['version']);
        expect(found).toContain(2);
        return found;
      });
      expect(versions).toEqual([1, 2]);
    });

    it('refuses the same key with a different body 422, leaving the version as it was', async () => {
      const prisonNumber = await personAtLeeds();
      const path = `/v1/people/${prisonNumber}/consent`;
      const key = { 'Idempotency-Key': randomUUID() };
      await leeds.put(path, consent(), key);

      const reused = await leeds.put<Problem>(path, consent({ cjit: false }), key);

      expect(reused.status).toBe(422);
      expect(reused.headers.get('content-type')).toContain('application/problem+json');
      expect(reused.body.type).toMatch(/\/idempotency-key-reused$/);
      const record = await leeds.get<{ current: Json }>(path);
      expect(record.body.current).toMatchObject({ version: 1, cjit: true });
      expect(await consentRows(prisonNumber)).toBe(1);
    });

    it('replays a retried risk override with the same overrideId, recording it once', async () => {
      const prisonNumber = await personAtLeeds();
      const path = `/v1/people/${prisonNumber}/risk-override`;
      const body = riskOverride();
      const key = { 'Idempotency-Key': randomUUID() };

      const first = await leeds.post(path, body, key);
      const retry = await leeds.post(path, body, key);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(
        await db.count('SELECT count(*) FROM api.risk_override WHERE prison_number = $1', [
          prisonNumber,
        ]),
      ).toBe(1);
      const [stored] = await db.rows<{ body: string }>(
        'SELECT response_body::text AS body FROM api.idempotency_key WHERE key = $1',
        [key['Idempotency-Key']],
      );
      expect(stored?.body).not.toContain('overdose');
    });

    it('keeps keys apart per caller: the same key from another caller is a new write', async () => {
      const prisonNumber = await personAtLeeds();
      const path = `/v1/people/${prisonNumber}/consent`;
      const key = { 'Idempotency-Key': randomUUID() };

      const fromLeeds = await leeds.put(path, consent(), key);
      const fromAdmin = await admin.put(path, consent({ probation: false }), key);

      expect(fromLeeds.body['version']).toBe(1);
      expect(fromAdmin.status).toBe(200);
      expect(fromAdmin.body['version']).toBe(2);
    });

    it('refuses a malformed key 400, writing nothing', async () => {
      const prisonNumber = await personAtLeeds();
      const answer = await leeds.put<Problem>(`/v1/people/${prisonNumber}/consent`, consent(), {
        'Idempotency-Key': 'has spaces in it',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.type).toMatch(/\/invalid-idempotency-key$/);
      expect(await consentRows(prisonNumber)).toBe(0);
    });

    it('without a key, the same PUT twice is two versions', async () => {
      const prisonNumber = await personAtLeeds();
      const path = `/v1/people/${prisonNumber}/consent`;
      const body = consent();
      await leeds.put(path, body);
      const again = await leeds.put(path, body);
      expect(again.body['version']).toBe(2);
    });
  });

  it('refuses to change or delete a consent version in the database', async () => {
    const prisonNumber = await personAtLeeds();
    await leeds.put(`/v1/people/${prisonNumber}/consent`, consent());
    await expect(
      db.rows('UPDATE api.consent_record SET cjit = false WHERE prison_number = $1', [
        prisonNumber,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.rows('DELETE FROM api.consent_record WHERE prison_number = $1', [prisonNumber]),
    ).rejects.toThrow(/append-only/);
    expect(await consentRows(prisonNumber)).toBe(1);
  });
});
