import { randomUUID } from 'node:crypto';

import {
  DisclosureDecidedEventType,
  Topics,
  buildCloudEvent,
  deadLetterTopic,
  type DisclosureDecidedV1,
} from '@throughcare/contracts';
import {
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildReception,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { ApiCaller } from './support/api-caller';
import { hoursAgo } from './support/intake-fixtures';
import { startApi, type StartedApi } from './support/start-api';

type Json = Record<string, unknown>;

function decision(prisonNumber: string, overrides: Partial<DisclosureDecidedV1> = {}) {
  return {
    decisionId: randomUUID(),
    noticeId: randomUUID(),
    noticeType: 'throughcare.notice.release.six-weeks',
    prisonNumber,
    deliveryId: `${randomUUID()}:leeds-cjit`,
    organisationId: 'leeds-cjit',
    recipientRole: 'CJIT',
    decision: 'SEND',
    rule: 'community-consented-signed-plan',
    citation: 'DIS-04',
    fields: ['releaseDate', 'establishment'],
    consentVersion: 3,
    riskOverrideId: null,
    decidedAt: hoursAgo(2),
    ...overrides,
  } satisfies DisclosureDecidedV1;
}

describe('the disclosure audit in the API (real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let admin: ApiCaller;
  let leeds: ApiCaller;
  let db: TestDatabase;
  let notifier: TopicWriter;
  let topics: TopicReader;

  const personAtLeeds = async (): Promise<string> => {
    const reception = buildReception({
      prisonNumber: uniquePrisonNumber(),
      establishment: 'LEI',
      receivedAt: hoursAgo(48),
    });
    expect((await leeds.post('/v1/events/reception', reception)).status).toBe(202);
    return reception.prisonNumber;
  };
  // Any shape the topic may carry, not only a valid decision: the dead-letter test sends one.
  const publishDecision = (data: Omit<DisclosureDecidedV1, 'decision'> & { decision: string }) =>
    notifier.publishRaw(
      Topics.DisclosureDecided,
      data.prisonNumber,
      JSON.stringify(
        buildCloudEvent({
          id: data.decisionId,
          type: DisclosureDecidedEventType,
          subject: data.prisonNumber,
          time: new Date(),
          data,
        }),
      ),
    );
  const exportOf = (prisonNumber: string) =>
    admin.get<{ prisonNumber: string; exportedAt: string; disclosures: Json[] }>(
      `/v1/people/${prisonNumber}/disclosures`,
    );
  const recordsOf = (prisonNumber: string) =>
    db.count('SELECT count(*) FROM api.disclosure_record WHERE prison_number = $1', [prisonNumber]);

  beforeAll(async () => {
    api = await startApi(3294);
    admin = new ApiCaller(api.baseUrl, api.adminKey);
    leeds = new ApiCaller(api.baseUrl, await api.prisonKey('hmp-leeds-audit', ['LEI']));
    db = new TestDatabase();
    notifier = await new TopicWriter().start();
    topics = await new TopicReader().start([deadLetterTopic(Topics.DisclosureDecided)]);
  });

  afterAll(async () => {
    await topics?.stop();
    await notifier?.stop();
    await api?.app.close();
    await db?.close();
  });

  it('puts a decision read from Kafka on the timeline, with its ids, rule and fields', async () => {
    const prisonNumber = await personAtLeeds();
    const sent = decision(prisonNumber);

    await publishDecision(sent);

    const entry = await expectEventually(async () => {
      const timeline = await leeds.get<{ entries: Json[] }>(`/v1/people/${prisonNumber}/timeline`);
      const found = timeline.body.entries.find((e) => e['kind'] === 'disclosure');
      expect(found).toBeDefined();
      return found!;
    });
    expect(entry).toEqual({
      at: new Date(sent.decidedAt).toISOString(),
      kind: 'disclosure',
      type: DisclosureDecidedEventType,
      summary:
        'SEND six-weeks to leeds-cjit (CJIT) under community-consented-signed-plan, consent v3: releaseDate, establishment',
      decisionId: sent.decisionId,
      noticeId: sent.noticeId,
      noticeType: sent.noticeType,
      decision: 'SEND',
      deliveryId: sent.deliveryId,
      organisationId: 'leeds-cjit',
      rule: sent.rule,
      fields: sent.fields,
      consentVersion: 3,
    });
  });

  it('exports every decision about the person to an admin, in decision order, with every column', async () => {
    const prisonNumber = await personAtLeeds();
    const later = decision(prisonNumber, { decidedAt: hoursAgo(1) });
    const earlier = decision(prisonNumber, {
      decidedAt: hoursAgo(3),
      decision: 'WITHHOLD',
      organisationId: 'leeds-treatment',
      recipientRole: 'COMMUNITY_PROVIDER',
      deliveryId: undefined,
      rule: 'community-without-consent',
      fields: [],
      consentVersion: null,
    });
    await publishDecision(later);
    await publishDecision(earlier);

    const exported = await expectEventually(async () => {
      const answer = await exportOf(prisonNumber);
      expect(answer.body.disclosures).toHaveLength(2);
      return answer;
    });

    expect(exported.status).toBe(200);
    expect(Date.parse(exported.body.exportedAt)).not.toBeNaN();
    expect(exported.body.disclosures.map((d) => d['decisionId'])).toEqual([
      earlier.decisionId,
      later.decisionId,
    ]);
    expect(exported.body.disclosures[0]).toEqual({
      ...earlier,
      deliveryId: null,
      decidedAt: new Date(earlier.decidedAt).toISOString(),
      receivedAt: expect.any(String),
    });
  });

  it('exports the same rows as CSV on request', async () => {
    const prisonNumber = await personAtLeeds();
    const sent = decision(prisonNumber);
    await publishDecision(sent);
    await expectEventually(async () => expect(await recordsOf(prisonNumber)).toBe(1));

    const csv = await admin.get(`/v1/people/${prisonNumber}/disclosures?format=csv`);

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, row] = csv.text.split('\r\n');
    expect(header?.split(',')).toContain('decisionId');
    expect(row).toContain(`${sent.decisionId},${sent.noticeId},`);
    expect(row).toContain(',releaseDate;establishment,3,');
  });

  it('refuses the export to a prison key, and an unknown format', async () => {
    const prisonNumber = await personAtLeeds();

    const asPrison = await leeds.get<{ type: string }>(`/v1/people/${prisonNumber}/disclosures`);
    const badFormat = await admin.get<{ errors: Array<{ field: string }> }>(
      `/v1/people/${prisonNumber}/disclosures?format=xlsx`,
    );

    expect(asPrison.status).toBe(403);
    expect(asPrison.body.type).toMatch(/\/forbidden$/);
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.errors.map((e) => e.field)).toEqual(['format']);
  });

  it('answers 404 for a person the hub has never seen', async () => {
    expect((await exportOf(uniquePrisonNumber())).status).toBe(404);
  });

  it('records a redelivered decision once', async () => {
    const prisonNumber = await personAtLeeds();
    const sent = decision(prisonNumber);
    await publishDecision(sent);
    await publishDecision({ ...sent, rule: 'changed-on-redelivery' });
    // A later decision on the same partition is the barrier: once it is in, both copies were read.
    const barrier = decision(prisonNumber, { decidedAt: hoursAgo(1) });
    await publishDecision(barrier);
    await expectEventually(async () => expect(await recordsOf(prisonNumber)).toBe(2));

    const exported = await exportOf(prisonNumber);
    expect(
      exported.body.disclosures.find((d) => d['decisionId'] === sent.decisionId),
    ).toMatchObject({ rule: sent.rule });
  });

  it('sends an invalid decision to the dead-letter topic with the reason', async () => {
    const prisonNumber = await personAtLeeds();
    const invalid = { ...decision(prisonNumber), decision: 'MAYBE' };

    await publishDecision(invalid);

    const dead = await expectEventually(() => {
      const [found] = topics
        .on(deadLetterTopic(Topics.DisclosureDecided))
        .filter((m) => m.value.includes(invalid.decisionId));
      expect(found).toBeDefined();
      return found!;
    });
    expect(dead.headers['x-dlq-reason']).toMatch(/decision/);
    expect(await recordsOf(prisonNumber)).toBe(0);
  });
});
