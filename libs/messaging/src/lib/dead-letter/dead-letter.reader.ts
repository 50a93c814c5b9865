import { randomUUID } from 'node:crypto';

import type { Kafka } from 'kafkajs';

import { KafkaHeader } from '@throughcare/contracts';

/** One message on a `<topic>.dlq`, as the dead-letter publisher left it (body still sealed). */
export interface DeadLetter {
  /** `<dlq topic>:<partition>:<offset>`: names it for `dlq replay`. */
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  deadLetteredAt: Date;
}

export interface DeadLetterAddress {
  topic: string;
  partition: number;
  offset: string;
}

const READ_TIMEOUT_MS = 30_000;

export function deadLetterId({ topic, partition, offset }: DeadLetterAddress): string {
  return `${topic}:${partition}:${offset}`;
}

/** The address an id names, or undefined when it is not `<topic>.dlq:<partition>:<offset>`. */
export function parseDeadLetterId(id: string): DeadLetterAddress | undefined {
  const match = /^([A-Za-z0-9._-]+\.dlq):(\d{1,5}):(\d{1,19})$/.exec(id);
  if (!match) return undefined;
  return { topic: match[1] as string, partition: Number(match[2]), offset: match[3] as string };
}

/** The message as it was before it was dead-lettered: the DLQ's own headers taken off. */
export function originalHeaders(letter: DeadLetter): Record<string, string> {
  const dlqHeaders = new Set<string>([
    KafkaHeader.DeadLetterReason,
    KafkaHeader.DeadLetterSourceTopic,
    KafkaHeader.DeadLetterSourcePartition,
    KafkaHeader.DeadLetterSourceOffset,
  ]);
  return Object.fromEntries(
    Object.entries(letter.headers).filter(([name]) => !dlqHeaders.has(name)),
  );
}

interface PartitionRange {
  topic: string;
  partition: number;
  /** First offset to read. */
  from: bigint;
  /** One past the last offset to read (the high watermark, or `from + 1` for one message). */
  until: bigint;
}

/**
 * Reads dead letters without joining any service's consumer group: a throwaway group reads each
 * partition up to its high watermark at the time of the call, then is deleted. `only` reads one.
 * kafkajs cannot assign partitions by hand, hence a group per read.
 */
export async function readDeadLetters(
  kafka: Kafka,
  topics: string[],
  only?: DeadLetterAddress,
): Promise<DeadLetter[]> {
  const ranges = await partitionRanges(kafka, only ? [only.topic] : topics, only);
  if (ranges.length === 0) return [];
  const groupId = `throughcare-dlq-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const letters: DeadLetter[] = [];
  const open = new Map(ranges.map((r) => [`${r.topic}:${r.partition}`, r]));
  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...new Set(ranges.map((r) => r.topic))],
      fromBeginning: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`dead letters not read within ${READ_TIMEOUT_MS} ms`)),
        READ_TIMEOUT_MS,
      );
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const range = open.get(`${topic}:${partition}`);
            const offset = BigInt(message.offset);
            if (!range || offset < range.from) return;
            if (offset < range.until) letters.push(toDeadLetter(topic, partition, message));
            if (offset + 1n >= range.until) open.delete(`${topic}:${partition}`);
            if (open.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      if (only)
        consumer.seek({ topic: only.topic, partition: only.partition, offset: only.offset });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await deleteGroup(kafka, groupId);
  }
  return letters.sort((a, b) => a.deadLetteredAt.getTime() - b.deadLetteredAt.getTime());
}

async function partitionRanges(
  kafka: Kafka,
  topics: string[],
  only: DeadLetterAddress | undefined,
): Promise<PartitionRange[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ranges: PartitionRange[] = [];
    for (const topic of topics.filter((t) => existing.has(t))) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const low = BigInt(p.low);
        const high = BigInt(p.high);
        if (only && p.partition !== only.partition) continue;
        const from = only ? BigInt(only.offset) : low;
        const until = only ? from + 1n : high;
        // Past the end, or already removed by the DLQ's retention: nothing to read there.
        if (from < low || until > high || from >= until) continue;
        ranges.push({ topic, partition: p.partition, from, until });
      }
    }
    return ranges;
  } finally {
    await admin.disconnect();
  }
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // A leftover empty group holds nothing and expires with the broker's offsets retention.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function toDeadLetter(
  topic: string,
  partition: number,
  message: {
    offset: string;
    key: Buffer | null;
    value: Buffer | null;
    timestamp: string;
    headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  },
): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {}))
    if (value !== undefined) headers[name] = String(Array.isArray(value) ? value[0] : value);
  return {
    id: deadLetterId({ topic, partition, offset: message.offset }),
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? '',
    headers,
    deadLetteredAt: new Date(Number(message.timestamp)),
  };
}
