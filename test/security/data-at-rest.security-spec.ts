import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { DateTime } from 'luxon';

import { createClock } from '@throughcare/clock';
import { IntakeEventType, Topics, buildCloudEvent } from '@throughcare/contracts';
import {
  openSealedText,
  parseFieldKeyring,
  sealEventFields,
  type FieldKeyring,
} from '@throughcare/messaging';
import {
  HubApiClient,
  TestDatabase,
  TopicReader,
  TopicWriter,
  WebhookSink,
  buildCourtRelease,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  recordConsentAndWait,
  startHub,
  uniquePrisonNumber,
  type ReceivedWebhook,
  type RunningHub,
} from '@throughcare/testing';

/*
 * Issue 12, acceptance 2: after a full scenario with clinical and identifying data (reception,
 * consent, a DIR with distinctive free text, an OST plan, naloxone, a risk override, a release
 * with the OM's name and e-mail, a transfer, a court release, poison messages dead-lettered),
 * every topic and DLQ on the broker, every Redis key of this run and every service log is read,
 * and none of the values sent is found. The notices still reach the recipients readable.
 */

const AREA = 'E08000032'; // Bradford: only this suite registers organisations for it
const HOLDING = 'DXI';
const RECEIVING = 'DYI';
const SPEED = 20_000;
const CLOCK_START = '2027-03-08T08:00:00Z';
const ZONE = 'Europe/London';
const MEDICINE = 'BUPRENORPHINE_PROLONGED_RELEASE';
const DOSE = 73.25;

/** One distinctive string per value sent; none may be readable outside the owning service. */
const tag = randomUUID().replace(/-/g, '').slice(0, 12);
const secret = {
  omName: `Olwen Omfield ${tag}`,
  omEmail: `olwen.${tag}@probation.example`,
  keyworkerName: `Kit Keyworker ${tag}`,
  keyworkerEmail: `kit.${tag}@carat.example`,
  dirNotes: `DIR notes ${tag}: hepatitis C positive, injecting`,
  handoffNotes: `Handoff notes ${tag}: BBV status known`,
  riskIssue: `Risk ${tag}: overdose on release`,
  futureNeed: `Need ${tag}: supported housing`,
  treatmentPlanned: `Plan ${tag}: methadone maintenance`,
  dirRecordedBy: `Triage nurse ${tag}`,
  ostRecordedBy: `Dr Prescriber ${tag}`,
  pharmacy: `Pharmacy ${tag}`,
  naloxoneRecordedBy: `Naloxone lead ${tag}`,
  consentRecordedBy: `Consent officer ${tag}`,
  overrideReason: `Override reason ${tag}: threatened overdose`,
  overrideAuthorisedBy: `Governor ${tag}`,
  spocName: `Spoc Person ${tag}`,
  spocEmail: `spoc.${tag}@bradford.example`,
  poisonSealed: `Poison OM ${tag}`,
  poisonClear: `Clear poison ${tag}`,
  poisonUnparseable: `Unparseable poison ${tag}`,
};
const FORBIDDEN = [...Object.values(secret), MEDICINE, String(DOSE)];

interface Notice {
  type: string;
  subject?: string;
  data: Record<string, unknown>;
}

interface BrokerRecord {
  topic: string;
  key: string;
  value: string;
  headers: string;
}

function fieldKeyring(): FieldKeyring {
  return parseFieldKeyring({
    keys: process.env['HUB_FIELD_KEYS'] as string,
    currentKeyId: process.env['HUB_FIELD_KEY_ID'] as string,
  });
}

/** Which forbidden values a text contains. */
function leaks(text: string): string[] {
  return FORBIDDEN.filter((value) => text.includes(value));
}

/** Every message on every topic of the broker, from the beginning up to now, as stored. */
async function readWholeBroker(brokers: string): Promise<BrokerRecord[]> {
  const kafka = new Kafka({
    clientId: 'data-at-rest-audit',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
  const ends = new Map<string, number>();
  for (const topic of topics)
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic))
      if (Number(high) > Number(low)) ends.set(`${topic}:${partition}`, Number(high));
  await admin.disconnect();

  const records: BrokerRecord[] = [];
  const caughtUp = new Set<string>();
  const consumer = kafka.consumer({ groupId: `data-at-rest-audit-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      records.push({
        topic,
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: Object.entries(message.headers ?? {})
          .map(([name, value]) => `${name}=${String(value)}`)
          .join('\n'),
      });
      const position = `${topic}:${partition}`;
      if (Number(message.offset) + 1 >= (ends.get(position) ?? Infinity)) caughtUp.add(position);
    },
  });
  await expectEventually(() => expect(caughtUp.size).toBe(ends.size), { timeoutMs: 120_000 });
  await consumer.disconnect();
  return records;
}

/** Every key under this run's prefix, each with its whole value, whatever its Redis type. */
async function dumpRedis(prefix: string): Promise<Map<string, string>> {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const dump = new Map<string, string>();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) dump.set(key, await valueOf(redis, key));
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return dump;
}

async function valueOf(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('special-category data at rest and in transit (issue 12, acceptance 2)', () => {
  const anchor = new Date();
  const clock = createClock({
    simulatedStart: new Date(CLOCK_START),
    simulatedSpeed: SPEED,
    simulatedAnchor: anchor,
  });
  const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  let hub: RunningHub;
  let api: HubApiClient;
  let sink: WebhookSink;
  let db: TestDatabase;
  let writer: TopicWriter;
  let opened: TopicReader;

  function noticesAt(path: string, prisonNumber: string, type?: string): Notice[] {
    return sink
      .acceptedAt(path)
      .map((request: ReceivedWebhook) => JSON.parse(request.body) as Notice)
      .filter((n) => n.subject === prisonNumber && (type === undefined || n.type === type));
  }

  async function oneNotice(path: string, prisonNumber: string, type: string): Promise<Notice> {
    return expectEventually(
      () => {
        const [notice] = noticesAt(path, prisonNumber, type);
        expect(notice).toBeDefined();
        return notice as Notice;
      },
      { timeoutMs: 90_000 },
    );
  }

  /** An organisation whose SPOC carries this run's markers, with one webhook; waits for the notifier. */
  async function register(
    organisationId: string,
    type: string,
    coverage: Record<string, string[]>,
    path: string,
  ): Promise<void> {
    await api.registerOrganisation({
      organisationId,
      type,
      name: organisationId,
      ...coverage,
      spoc: { name: secret.spocName, email: secret.spocEmail, phone: '01274 000 000' },
    });
    const { id } = await api.subscribe(organisationId, sink.url(path), ['throughcare.notice.*']);
    // A new run's consumers first read what earlier runs left on the shared broker.
    await expectEventually(
      async () =>
        expect(
          await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
        ).toBe(1),
      { timeoutMs: 90_000 },
    );
  }

  async function receive(prisonNumber: string): Promise<string> {
    const receivedAt = clock.now().toISOString();
    const reception = buildReception({
      prisonNumber,
      establishment: HOLDING,
      receivedAt,
      substanceMisuse: { opiateUse: true, onOst: true, ostMedicine: MEDICINE, alcohol: false },
      cjitCaseload: undefined,
    });
    expect((await api.post('/v1/events/reception', reception)).status).toBe(202);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.person WHERE prison_number = $1', [prisonNumber]),
      ).toBe(1),
    );
    return receivedAt;
  }

  function dir(receivedAt: string, establishment: string, notes: string) {
    return {
      custodyEpisode: { receivedAt, establishment: HOLDING },
      establishment,
      healthcareSectionCompletedAt: clock.now().toISOString(),
      substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
      treatment: {
        status: 'ACCESSING',
        modalities: ['OST_MAINTENANCE'],
        previousTreatment: 'COMMUNITY',
      },
      keyworker: { name: secret.keyworkerName, email: secret.keyworkerEmail },
      riskIssues: [secret.riskIssue],
      futureNeeds: [secret.futureNeed],
      treatmentPlanned: [secret.treatmentPlanned],
      notes,
      recordedBy: secret.dirRecordedBy,
      recordedAt: clock.now().toISOString(),
    };
  }

  /** A Monday-to-Wednesday release a week or more ahead on the simulated clock. */
  function releaseDate(): string {
    let date = DateTime.fromJSDate(clock.now(), { zone: ZONE }).plus({ days: 8 });
    while (date.weekday > 3) date = date.plus({ days: 1 });
    return date.toISODate() as string;
  }

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    writer = await new TopicWriter(brokers).start();
    opened = await new TopicReader(brokers).start([
      `${Topics.Release}.dlq`,
      `${Topics.Reception}.dlq`,
      `${Topics.CourtRelease}.dlq`,
    ]);
    hub = await startHub(
      {
        ...process.env,
        HUB_CLOCK_START: CLOCK_START,
        HUB_CLOCK_SPEED: String(SPEED),
        HUB_CLOCK_ANCHOR: anchor.toISOString(),
      },
      3700,
      `${process.env['TEST_LOG_DIR']}/security-data-at-rest`,
    );
    api = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await register('bradford-cp', 'COMMUNITY_PROVIDER', { localAuthorityCodes: [AREA] }, '/cp');
    await register('bradford-probation', 'PROBATION', { localAuthorityCodes: [AREA] }, '/om');
    // A CJIT whose endpoint is down: its deliveries fail and stay in Redis as failed jobs.
    await register('bradford-cjit', 'CJIT', { localAuthorityCodes: [AREA] }, '/cjit-down');
    sink.failNext('/cjit-down', 10_000);
    await register('hmp-dxi', 'PRISON', { establishments: [HOLDING] }, '/holding');
    await register('hmp-dyi', 'PRISON', { establishments: [RECEIVING] }, '/receiving');
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await opened?.stop();
    await writer?.stop();
    await sink?.stop();
    await db?.close();
  });

  const released = uniquePrisonNumber();
  const transferred = uniquePrisonNumber();
  const fromCourt = uniquePrisonNumber();
  const clearPoison = JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    source: 'nomis-test',
    type: IntakeEventType.ReceptionReceived,
    subject: released,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { prisonNumber: 'not a prison number', notes: secret.poisonClear },
  });
  const unparseablePoison = `{"id":"${randomUUID()}","data":{"notes":"${secret.poisonUnparseable}"`;

  it('delivers readable notices while no topic, DLQ, Redis key or log holds a clinical or identifying value', async () => {
    // The person released with OST: reception, consent, DIR, OST plan, naloxone, risk override.
    const receivedAt = await receive(released);
    await recordConsentAndWait(
      api,
      db,
      released,
      { communityTreatment: true, cjit: true, probation: true, releasePlanSigned: true },
      clock.now(),
    );
    await api.put(`/v1/people/${released}/consent`, {
      communityTreatment: true,
      cjit: true,
      probation: true,
      ndtms: false,
      releasePlanSigned: true,
      recordedBy: secret.consentRecordedBy,
      recordedAt: clock.now().toISOString(),
    });
    expect(
      (await api.put(`/v1/people/${released}/dir`, dir(receivedAt, HOLDING, secret.dirNotes)))
        .status,
    ).toBe(201);
    const date = releaseDate();
    const ostPlan = await api.put(`/v1/people/${released}/ost-plan`, {
      arrangement: 'COMMUNITY_DOSE_BOOKED',
      communityAppointment: {
        at: DateTime.fromISO(`${date}T13:00`, { zone: ZONE }).toISO(),
        organisationId: 'bradford-cp',
        pharmacy: { name: secret.pharmacy },
      },
      recordedBy: secret.ostRecordedBy,
      recordedAt: clock.now().toISOString(),
    });
    expect(ostPlan.status).toBeLessThan(300);
    const naloxone = await api.post(`/v1/people/${released}/naloxone`, {
      outcome: 'ISSUED',
      trainingGiven: true,
      recordedBy: secret.naloxoneRecordedBy,
      recordedAt: clock.now().toISOString(),
    });
    expect(naloxone.status).toBe(201);
    const override = await api.post(`/v1/people/${released}/risk-override`, {
      ground: 'LIFE_THREATENING',
      reason: secret.overrideReason,
      scope: ['cjit'],
      authorisedBy: secret.overrideAuthorisedBy,
      recordedAt: clock.now().toISOString(),
      consentSoughtFirst: true,
      personInformed: true,
    });
    expect(override.status).toBeLessThan(300);
    const release = buildReleaseEvent({
      prisonNumber: released,
      establishment: HOLDING,
      releaseDate: date,
      releaseArea: { localAuthorityCode: AREA },
      supervision: {
        onLicence: true,
        offenderManager: {
          name: secret.omName,
          email: secret.omEmail,
          organisationId: 'bradford-probation',
        },
      },
      clinical: { onOst: true, ostMedicine: MEDICINE, doseMg: DOSE, opiateHistory: true },
    });
    expect((await api.post('/v1/events/release', release)).status).toBe(202);

    // A transfer hands a DIR with free text to the receiving prison.
    const transferReceivedAt = await receive(transferred);
    expect(
      (
        await api.put(
          `/v1/people/${transferred}/dir`,
          dir(transferReceivedAt, HOLDING, secret.handoffNotes),
        )
      ).status,
    ).toBe(201);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.dir_version WHERE prison_number = $1', [
          transferred,
        ]),
      ).toBe(1),
    );
    const transfer = buildTransfer({
      prisonNumber: transferred,
      fromEstablishment: HOLDING,
      toEstablishment: RECEIVING,
      transferredAt: clock.now().toISOString(),
    });
    expect((await api.post('/v1/events/transfer', transfer)).status).toBe(202);

    // A court release of someone on OST.
    await receive(fromCourt);
    const courtRelease = buildCourtRelease({
      prisonNumber: fromCourt,
      holdingEstablishment: HOLDING,
      releasedAt: clock.now().toISOString(),
      releaseArea: { localAuthorityCode: AREA },
    });
    expect((await api.post('/v1/events/court-release', courtRelease)).status).toBe(202);

    // Poison messages, as prison systems might publish them: one sealed as
    // docs/security/data-protection.md asks, one in clear, one that is not JSON.
    const sealedPoison = sealEventFields(
      fieldKeyring(),
      buildCloudEvent({
        id: randomUUID(),
        type: IntakeEventType.ReleasePlanned,
        subject: released,
        time: new Date(),
        source: 'nomis-test',
        data: {
          ...release,
          eventId: randomUUID(),
          releaseType: 'NOT_A_RELEASE_TYPE',
          supervision: {
            onLicence: true,
            offenderManager: {
              name: secret.poisonSealed,
              email: secret.omEmail,
              organisationId: 'bradford-probation',
            },
          },
        },
      }),
    );
    await writer.publishRaw(Topics.Release, released, JSON.stringify(sealedPoison));
    await writer.publishRaw(Topics.Reception, released, clearPoison);
    await writer.publishRaw(Topics.CourtRelease, fromCourt, unparseablePoison);

    // The recipients get what they need, readable and correct.
    const toProvider = await oneNotice('/cp', released, 'throughcare.notice.release.six-weeks');
    expect(JSON.stringify(toProvider.data)).toContain(MEDICINE);
    expect(JSON.stringify(toProvider.data)).toContain(String(DOSE));
    const toOm = await oneNotice('/om', released, 'throughcare.notice.treatment-summary');
    expect(JSON.stringify(toOm.data)).toContain(secret.riskIssue);
    const handoff = await oneNotice('/receiving', transferred, 'throughcare.notice.dir.handoff');
    expect(JSON.stringify(handoff.data)).toContain(secret.handoffNotes);
    expect(JSON.stringify(handoff.data)).toContain(secret.keyworkerName);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
          courtRelease.eventId,
        ]),
      ).toBe(1),
    );

    // Each poison message is dead-lettered once, its body kept: it opens with the keys.
    for (const [dlq, marker] of [
      [`${Topics.Release}.dlq`, secret.poisonSealed],
      [`${Topics.Reception}.dlq`, secret.poisonClear],
      [`${Topics.CourtRelease}.dlq`, secret.poisonUnparseable],
    ] as const)
      await expectEventually(
        () => expect(opened.on(dlq).filter((m) => m.value.includes(marker))).toHaveLength(1),
        { timeoutMs: 30_000 },
      );

    // Let trailing events (deliveries, audit, records) reach the broker, then read it all.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const onBroker = await readWholeBroker(brokers);
    // What the test itself published in clear, as a prison system ignoring the contract would:
    // the hub cannot unwrite it from the source topic; its DLQ copies are checked like the rest.
    const ownClearWrites = new Set([clearPoison, unparseablePoison]);
    const brokerLeaks = onBroker
      .filter((record) => !ownClearWrites.has(record.value))
      .flatMap((record) =>
        leaks(`${record.key}\n${record.headers}\n${record.value}`).map(
          (value) => `${record.topic}: ${value}`,
        ),
      );
    expect([...new Set(brokerLeaks)]).toEqual([]);
    // The scan saw the scenario: this run's people and organisations, sealed, on each topic.
    const ours = new Set([released, transferred, fromCourt, 'bradford-cp', 'hmp-dyi']);
    const sealedOn = (topic: string) =>
      onBroker.filter(
        (r) => r.topic === topic && ours.has(r.key) && r.value.includes('"sealed:v1:'),
      ).length;
    for (const topic of [
      Topics.Release,
      Topics.Reception,
      Topics.IntakeAccepted,
      Topics.NoticeDue,
      Topics.PersonRecord,
      Topics.Continuity,
      Topics.Consent,
      Topics.Directory,
    ])
      expect({ topic, sealed: sealedOn(topic) > 0 }).toEqual({ topic, sealed: true });
    expect(sealedOn(Topics.PersonRecord)).toBeGreaterThanOrEqual(4);

    // Redis: nothing personal in any key or value; BullMQ jobs carry ids only.
    const redis = await dumpRedis(process.env['BULL_PREFIX'] as string);
    expect(redis.size).toBeGreaterThan(0);
    const redisLeaks = [...redis].flatMap(([key, value]) =>
      leaks(`${key}\n${value}`).map((found) => `${key}: ${found}`),
    );
    expect(redisLeaks).toEqual([]);
    const jobs = [...redis.values()]
      .map((value) => (value.startsWith('{') ? (JSON.parse(value) as Record<string, string>) : {}))
      .filter((hash) => typeof hash['name'] === 'string' && typeof hash['data'] === 'string');
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs)
      expect(Object.keys(JSON.parse(job['data'] as string) as object)).toEqual([
        expect.stringMatching(/^(deliveryId|milestoneId)$/),
      ]);

    // Logs: every file this run's services and migrations wrote.
    const logFiles = filesUnder(process.env['TEST_LOG_DIR'] as string);
    expect(logFiles.length).toBeGreaterThanOrEqual(4);
    const logLeaks = logFiles.flatMap((file) =>
      leaks(readFileSync(file, 'utf8')).map((found) => `${file}: ${found}`),
    );
    expect(logLeaks).toEqual([]);
  }, 300_000);

  it('opens what it sealed with the configured keys only', () => {
    const keyring = fieldKeyring();
    const sealed = sealEventFields(
      keyring,
      buildCloudEvent({
        id: randomUUID(),
        type: 't',
        time: new Date(),
        data: { keyworker: { name: secret.keyworkerName } },
      }),
    );
    expect(JSON.stringify(sealed)).not.toContain(secret.keyworkerName);
    expect(openSealedText(keyring, JSON.stringify(sealed))).toContain(secret.keyworkerName);
    const stranger = parseFieldKeyring({
      keys: `${process.env['HUB_FIELD_KEY_ID']}:${Buffer.alloc(32, 7).toString('base64')}`,
      currentKeyId: process.env['HUB_FIELD_KEY_ID'] as string,
    });
    expect(() => openSealedText(stranger, JSON.stringify(sealed))).toThrow(/does not open/);
  });
});
