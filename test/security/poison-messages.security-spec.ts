import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';

import {
  INTAKE_EVENTS,
  INTAKE_TOPICS,
  IntakeEventType,
  KafkaHeader,
  Topics,
  buildCloudEvent,
  deadLetterTopic,
  type Topic,
} from '@throughcare/contracts';
import {
  HubApiClient,
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildCourtRelease,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  startHub,
  startService,
  stopService,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
  type RunningHub,
  type RunningService,
} from '@throughcare/testing';

/*
 * Issue 12 finding 2 on Kafka, on the real stack (docs/security/input-bounds.md): a poison
 * message on each intake topic is dead-lettered exactly once within 5 s, and the next valid
 * message for the same person (same key, so the same partition) is processed behind it. Before,
 * 10,000 nested levels overflowed class-transformer's stack, were taken for a transient failure,
 * retried for about a minute and dead-lettered twice. A redelivery (offsets moved back while the
 * API was down, as after a rebalance) does not dead-letter it again.
 */

const PRISON = 'PMX';
const OTHER_PRISON = 'PMY';
const WITHIN_MS = 5_000;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const daysAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

type IntakeData = { eventId: string; prisonNumber: string };

/** The valid event each topic carries for a person already received at PRISON. */
const NEXT_VALID: Record<string, (prisonNumber: string) => { type: string; data: IntakeData }> = {
  [Topics.Reception]: (prisonNumber) => ({
    type: IntakeEventType.ReceptionReceived,
    data: buildReception({ prisonNumber, establishment: PRISON, receivedAt: hoursAgo(1) }),
  }),
  [Topics.Transfer]: (prisonNumber) => ({
    type: IntakeEventType.TransferCompleted,
    data: buildTransfer({
      prisonNumber,
      fromEstablishment: PRISON,
      toEstablishment: OTHER_PRISON,
      transferredAt: hoursAgo(1),
    }),
  }),
  [Topics.Release]: (prisonNumber) => ({
    type: IntakeEventType.ReleasePlanned,
    data: buildReleaseEvent({ prisonNumber, establishment: PRISON, releaseDate: daysAhead(20) }),
  }),
  [Topics.CourtRelease]: (prisonNumber) => ({
    type: IntakeEventType.CourtReleaseReleased,
    data: buildCourtRelease({
      prisonNumber,
      holdingEstablishment: PRISON,
      releasedAt: hoursAgo(1),
    }),
  }),
};

/** The instant or date each topic's event must have, set to one that cannot be. */
const IMPOSSIBLE_TIME: Record<string, Record<string, string>> = {
  [Topics.Reception]: { receivedAt: '1900-01-01T00:00:00Z' },
  [Topics.Transfer]: { transferredAt: '9999-12-31T23:59:59Z' },
  [Topics.Release]: { releaseDate: '3026-01-01' },
  [Topics.CourtRelease]: { releasedAt: '1900-01-01T00:00:00Z' },
};

/** A poison value for `topic`, made from a valid event for the same person. */
const POISONS: Record<string, (topic: string, prisonNumber: string) => string> = {
  'data nested 10,000 deep': (topic, prisonNumber) =>
    envelope(topic, prisonNumber, {}).replace('"data":{', `"data":{"deep":${deepObject(10_000)},`),
  'constructor.prototype in data': (topic, prisonNumber) =>
    envelope(topic, prisonNumber, {}).replace(
      '"data":{',
      '"data":{"constructor":{"prototype":{"isAdmin":true}},',
    ),
  'an impossible instant': (topic, prisonNumber) =>
    envelope(topic, prisonNumber, IMPOSSIBLE_TIME[topic] ?? {}),
  'not JSON': () => '{"specversion":"1.0","data":{"eventId": nope',
};

const apiGroupId = () => `throughcare-api${process.env['KAFKA_GROUP_SUFFIX']}`;

function envelope(topic: string, prisonNumber: string, change: Record<string, unknown>): string {
  const { type, data } = (NEXT_VALID[topic] as (p: string) => { type: string; data: IntakeData })(
    prisonNumber,
  );
  const event = buildCloudEvent({
    id: data.eventId,
    type,
    subject: prisonNumber,
    time: new Date(),
    data: { ...data, ...change },
    source: 'nomis-test',
  });
  return JSON.stringify(event);
}

describe('poison messages on the intake topics (issue 12, finding 2)', () => {
  let hub: RunningHub;
  let restartedApi: RunningService | undefined;
  let db: TestDatabase;
  let prison: HubApiClient;
  let writer: TopicWriter;
  let reader: TopicReader;
  const suffix = randomUUID().slice(0, 8);
  const logDir = `${process.env['TEST_LOG_DIR']}/poison`;

  const deadLettersFor = (topic: string, prisonNumber: string) =>
    reader.on(deadLetterTopic(topic as Topic)).filter((m) => m.key === prisonNumber);
  const recorded = (eventId: string) =>
    db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [eventId]);

  /** A person held at PRISON (over HTTP), unless the topic's own event is a reception. */
  async function personFor(topic: string): Promise<string> {
    const prisonNumber = uniquePrisonNumber();
    if (topic === Topics.Reception) return prisonNumber;
    const reception = buildReception({
      prisonNumber,
      establishment: PRISON,
      receivedAt: hoursAgo(5),
    });
    expect((await prison.post('/v1/events/reception', reception)).status).toBe(202);
    return prisonNumber;
  }

  beforeAll(async () => {
    db = new TestDatabase();
    reader = await new TopicReader().start(
      [Topics.Reception, Topics.Transfer, Topics.Release, Topics.CourtRelease].map((topic) =>
        deadLetterTopic(topic),
      ),
    );
    writer = await new TopicWriter().start();
    hub = await startHub({ ...process.env }, 3960, logDir);
    const admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await admin.registerOrganisation({
      organisationId: `pm-prison-${suffix}`,
      type: 'PRISON',
      name: 'HMP Poison',
      establishments: [PRISON, OTHER_PRISON],
      spoc: { name: 'Healthcare SPOC', email: 'spoc@poison.example' },
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId: `pm-prison-${suffix}`,
      role: 'prison',
      establishments: [PRISON, OTHER_PRISON],
    });
    expect(issued.status).toBe(201);
    prison = new HubApiClient(hub.apiUrl, (issued.body as { key: string }).key);
    // The API reads the intake topics from the beginning: earlier suites' messages (earlier runs'
    // too, on a reused broker) are behind it first, and the 5 s are measured from a caught-up API.
    await waitForConsumersToCatchUp(
      INTAKE_TOPICS.map((topic) => ({ groupId: apiGroupId(), topic })),
      { timeoutMs: 120_000 },
    );
    // The reader, too, reads every DLQ from the beginning: a first poison per topic, awaited
    // without the 5 s limit, proves both caught up before anything is timed.
    for (const topic of INTAKE_TOPICS) {
      const warmUp = uniquePrisonNumber();
      await writer.publishRaw(topic, warmUp, 'warm-up: not JSON');
      await expectEventually(() => expect(deadLettersFor(topic, warmUp)).toHaveLength(1), {
        timeoutMs: 60_000,
      });
    }
  }, 300_000);

  afterAll(async () => {
    if (restartedApi) {
      // hub.stop() would wait for the first API process, already gone: stop each one here.
      const others = [...(hub?.services.values() ?? [])].filter((s) => s.name !== 'api');
      await Promise.all([...others, restartedApi].map((service) => stopService(service)));
    } else await hub?.stop();
    await writer?.stop();
    await reader?.stop();
    await db?.close();
  });

  const cases = Object.keys(NEXT_VALID).flatMap((topic) =>
    Object.keys(POISONS).map((poison) => [topic, poison] as const),
  );

  it.each(cases)(
    '%s: %s is dead-lettered once within 5 s; the next valid message behind it is processed',
    async (topic, poison) => {
      const prisonNumber = await personFor(topic);
      const next = (NEXT_VALID[topic] as (p: string) => { type: string; data: IntakeData })(
        prisonNumber,
      );
      const sentAt = Date.now();
      await writer.publishRaw(
        topic,
        prisonNumber,
        (POISONS[poison] as (t: string, p: string) => string)(topic, prisonNumber),
      );
      await writer.publishEvent(topic, next.type, next.data);

      await expectEventually(
        async () => {
          expect(deadLettersFor(topic, prisonNumber)).toHaveLength(1);
          expect(await recorded(next.data.eventId)).toBe(1);
        },
        { timeoutMs: WITHIN_MS, intervalMs: 50 },
      );
      const tookMs = Date.now() - sentAt;
      expect(tookMs).toBeLessThan(WITHIN_MS);
      const [dead] = deadLettersFor(topic, prisonNumber);
      expect(dead?.headers[KafkaHeader.DeadLetterSourceTopic]).toBe(topic);
      expect(dead?.headers[KafkaHeader.DeadLetterReason]).toBeTruthy();

      // Once: nothing else arrives for it once the API has caught up with the topic.
      await waitForConsumersToCatchUp([{ groupId: apiGroupId(), topic }]);
      expect(deadLettersFor(topic, prisonNumber)).toHaveLength(1);
      process.stdout.write(
        `| ${topic} | ${poison} | dead-lettered once in ${tookMs} ms: ${dead?.headers[KafkaHeader.DeadLetterReason]?.slice(0, 90)} |\n`,
      );
    },
  );

  it('does not dead-letter a message twice when it is redelivered (offsets moved back, as after a rebalance)', async () => {
    const topic = Topics.Reception;
    const prisonNumber = await personFor(topic);
    const next = (NEXT_VALID[topic] as (p: string) => { type: string; data: IntakeData })(
      prisonNumber,
    );
    await writer.publishRaw(
      topic,
      prisonNumber,
      (POISONS['data nested 10,000 deep'] as (t: string, p: string) => string)(topic, prisonNumber),
    );
    await writer.publishEvent(topic, next.type, next.data);
    await expectEventually(async () => {
      expect(deadLettersFor(topic, prisonNumber)).toHaveLength(1);
      expect(await recorded(next.data.eventId)).toBe(1);
    });
    const [dead] = deadLettersFor(topic, prisonNumber);
    const partition = Number(dead?.headers[KafkaHeader.DeadLetterSourcePartition]);
    const offset = dead?.headers[KafkaHeader.DeadLetterSourceOffset] as string;

    // The API goes away; its group's offset moves back to the poison message; it comes back.
    const api = hub.services.get('api') as RunningService;
    await stopService(api);
    const groupId = apiGroupId();
    const kafka = new Kafka({
      clientId: 'test-rewind',
      brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await expectEventually(() =>
        admin.setOffsets({ groupId, topic, partitions: [{ partition, offset }] }),
      );
    } finally {
      await admin.disconnect();
    }
    restartedApi = await startService('api', api.port, { ...process.env }, logDir);
    await waitForConsumersToCatchUp([{ groupId, topic }]);

    expect(deadLettersFor(topic, prisonNumber)).toHaveLength(1);
    expect(await recorded(next.data.eventId)).toBe(1);
  });

  it('names the intake events it covers: every intake topic', () => {
    const topics = new Set(Object.values(INTAKE_EVENTS).map((spec) => spec.topic));
    expect(new Set(Object.keys(NEXT_VALID))).toEqual(topics);
  });
});
