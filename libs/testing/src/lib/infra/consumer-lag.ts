import { Kafka, logLevel } from 'kafkajs';

import { expectEventually } from '../expect-eventually';

/**
 * Waits until each consumer group has committed up to the end of each topic: the quiet point
 * after which a test can assert that something did NOT happen.
 */
export async function waitForConsumersToCatchUp(
  subscriptions: Array<{ groupId: string; topic: string }>,
  { brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092', timeoutMs = 30_000 } = {},
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'test-lag',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await expectEventually(
      async () => {
        for (const { groupId, topic } of subscriptions) {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          for (const end of ends) {
            const partition = committed?.partitions.find((p) => p.partition === end.partition);
            const at = partition && partition.offset !== '-1' ? BigInt(partition.offset) : 0n;
            if (at < BigInt(end.high))
              throw new Error(`${groupId} behind on ${topic}[${end.partition}]`);
          }
        }
      },
      { timeoutMs, intervalMs: 250 },
    );
  } finally {
    await admin.disconnect();
  }
}
