import { Kafka, logLevel, type Admin } from 'kafkajs';

import { Topics, type Topic } from '@throughcare/contracts';

import { expectEventually } from '../expect-eventually';
import type { HubService } from './hub-processes';
import type { TestDatabase } from './test-database';

/**
 * The topics each hub service's consumers read (their `@EventPattern`s; a unit test keeps the two
 * equal), for the quiet point of a test that asserts something did NOT happen.
 */
export const HUB_SUBSCRIPTIONS: Readonly<Record<HubService, readonly Topic[]>> = {
  api: [
    Topics.Reception,
    Topics.Transfer,
    Topics.Release,
    Topics.CourtRelease,
    Topics.Continuity,
    Topics.Delivery,
    Topics.DisclosureDecided,
    Topics.NoticeDue,
  ],
  planner: [Topics.IntakeAccepted],
  continuity: [Topics.IntakeAccepted, Topics.PersonRecord, Topics.NoticeDue, Topics.Consent],
  notifier: [
    Topics.NoticeDue,
    Topics.Consent,
    Topics.Continuity,
    Topics.Directory,
    Topics.DeliveryCommand,
  ],
};

/** A hub service's consumer group, as the service names it (KAFKA_GROUP_SUFFIX keeps runs apart). */
export function hubGroupId(
  service: HubService,
  suffix = process.env['KAFKA_GROUP_SUFFIX'] ?? '',
): string {
  return `throughcare-${service}${suffix}`;
}

/**
 * Waits until the hub has nothing left in flight on Kafka: every service's outbox empty (what a
 * transaction wrote is on its topic) and every consumer group of the hub committed to the end of
 * every topic it reads, with no topic grown while looking (a message relayed meanwhile is read
 * again). The quiet point after which a test can assert that a notice did NOT follow, instead of
 * sleeping and hoping the hub was done. Work outside Kafka (BullMQ deliveries, timers) is the
 * test's own condition to wait for.
 */
export async function waitForHubToSettle(
  db: TestDatabase,
  {
    brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    timeoutMs = 30_000,
    services = Object.keys(HUB_SUBSCRIPTIONS) as HubService[],
  }: { brokers?: string; timeoutMs?: number; services?: HubService[] } = {},
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'test-hub-settled',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const subscriptions = services.flatMap((service) =>
    HUB_SUBSCRIPTIONS[service].map((topic) => ({ groupId: hubGroupId(service), topic })),
  );
  const topics = [...new Set(subscriptions.map((s) => s.topic))];
  const outboxes = services
    .map((service) => `(SELECT count(*) FROM "${service}".outbox)`)
    .join(' + ');
  try {
    await expectEventually(
      async () => {
        const before = await topicEnds(admin, topics);
        for (const { groupId, topic } of subscriptions) {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          for (const [partition, end] of before.get(topic) ?? []) {
            const at = committed?.partitions.find((p) => p.partition === partition)?.offset;
            if (at === undefined || at === '-1' ? end > 0n : BigInt(at) < end)
              throw new Error(`${groupId} behind on ${topic}[${partition}]`);
          }
        }
        const waiting = await db.count(`SELECT ${outboxes} AS count`);
        if (waiting > 0) throw new Error(`${waiting} outbox rows not yet relayed`);
        const after = await topicEnds(admin, topics);
        for (const topic of topics)
          for (const [partition, end] of after.get(topic) ?? [])
            if (before.get(topic)?.get(partition) !== end)
              throw new Error(`${topic}[${partition}] grew while looking`);
      },
      { timeoutMs, intervalMs: 200 },
    );
  } finally {
    await admin.disconnect();
  }
}

async function topicEnds(
  admin: Admin,
  topics: readonly string[],
): Promise<Map<string, Map<number, bigint>>> {
  const ends = new Map<string, Map<number, bigint>>();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
  }
  return ends;
}
