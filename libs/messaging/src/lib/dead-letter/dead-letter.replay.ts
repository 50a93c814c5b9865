import { Partitioners, type Kafka } from 'kafkajs';
import type { Pool } from 'pg';

import { KafkaHeader } from '@throughcare/contracts';

import { assertSchemaName } from '../messaging.options';
import {
  originalHeaders,
  parseDeadLetterId,
  readDeadLetters,
  type DeadLetter,
} from './dead-letter.reader';

/** On a replayed message: the dead letter it came from, so its history can be followed. */
export const REPLAYED_FROM_HEADER = 'x-dlq-replayed-from';

export interface DeadLetterReplay {
  deadLetterId: string;
  sourceTopic: string;
  eventId: string | null;
  replayedBy: string;
  replayedAt: Date;
}

export interface ReplayOutcome {
  replay: DeadLetterReplay;
  /** True when it had been replayed before: nothing was published this time. */
  alreadyReplayed: boolean;
}

export interface ReplayDependencies {
  kafka: Kafka;
  db: Pool;
  /** The schema holding `dead_letter_replay` (the api's). */
  schema: string;
}

export class DeadLetterNotFoundError extends Error {
  constructor(id: string) {
    super(`no dead letter ${id} (unknown, or past the DLQ's retention)`);
    this.name = 'DeadLetterNotFoundError';
  }
}

/**
 * Puts a dead letter back on the topic it came from, once the cause is fixed (docs/operations.md):
 * its key, value and headers as they were (the body stays sealed; consumers open it as any
 * message), plus where it came from. The audit row (who, when, which message) and the publish
 * commit together: a failed publish leaves no row, and a dead letter replayed before is not
 * published again. The consumers' inbox by event id keeps a message processed once anyway.
 */
export async function replayDeadLetter(
  deps: ReplayDependencies,
  id: string,
  replayedBy: string,
  now: Date = new Date(),
): Promise<ReplayOutcome> {
  const address = parseDeadLetterId(id);
  if (!address) throw new DeadLetterNotFoundError(id);
  const done = await findReplay(deps, id);
  if (done) return { replay: done, alreadyReplayed: true };
  const [letter] = await readDeadLetters(deps.kafka, [address.topic], address);
  if (!letter) throw new DeadLetterNotFoundError(id);
  const replay: DeadLetterReplay = {
    deadLetterId: id,
    sourceTopic: sourceTopicOf(letter),
    eventId: eventIdOf(letter.value),
    replayedBy,
    replayedAt: now,
  };
  const client = await deps.db.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO ${assertSchemaName(deps.schema)}.dead_letter_replay
         (dead_letter_id, source_topic, event_id, replayed_by, replayed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (dead_letter_id) DO NOTHING`,
      [id, replay.sourceTopic, replay.eventId, replayedBy, now],
    );
    if (inserted.rowCount === 0) {
      // Replayed meanwhile by someone else: theirs stands.
      await client.query('ROLLBACK');
      const theirs = await findReplay(deps, id);
      if (theirs) return { replay: theirs, alreadyReplayed: true };
      throw new Error(`replay of ${id} neither recorded nor found`);
    }
    await publish(deps.kafka, letter, replay.sourceTopic);
    await client.query('COMMIT');
    return { replay, alreadyReplayed: false };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Every replay recorded, newest first. */
export async function listReplays(deps: Pick<ReplayDependencies, 'db' | 'schema'>) {
  const result = await deps.db.query<ReplayRow>(
    `${SELECT_REPLAYS(deps.schema)} ORDER BY replayed_at DESC`,
  );
  return result.rows.map(toReplay);
}

interface ReplayRow {
  dead_letter_id: string;
  source_topic: string;
  event_id: string | null;
  replayed_by: string;
  replayed_at: Date;
}

const SELECT_REPLAYS = (schema: string) =>
  `SELECT dead_letter_id, source_topic, event_id, replayed_by, replayed_at
     FROM ${assertSchemaName(schema)}.dead_letter_replay`;

async function findReplay(
  deps: Pick<ReplayDependencies, 'db' | 'schema'>,
  id: string,
): Promise<DeadLetterReplay | undefined> {
  const result = await deps.db.query<ReplayRow>(
    `${SELECT_REPLAYS(deps.schema)} WHERE dead_letter_id = $1`,
    [id],
  );
  const [row] = result.rows;
  return row ? toReplay(row) : undefined;
}

function toReplay(row: ReplayRow): DeadLetterReplay {
  return {
    deadLetterId: row.dead_letter_id,
    sourceTopic: row.source_topic,
    eventId: row.event_id,
    replayedBy: row.replayed_by,
    replayedAt: row.replayed_at,
  };
}

/** The topic it was read from: the DLQ's name less `.dlq`, as its header says. */
function sourceTopicOf(letter: DeadLetter): string {
  const expected = letter.topic.slice(0, -'.dlq'.length);
  const recorded = letter.headers[KafkaHeader.DeadLetterSourceTopic];
  if (recorded !== expected)
    throw new Error(`${letter.id} names ${String(recorded)} as its source, not ${expected}`);
  return expected;
}

/** The CloudEvent id, readable on a dead letter (data-protection.md FP-8); null if unreadable. */
export function eventIdOf(value: string): string | null {
  try {
    const id = (JSON.parse(value) as { id?: unknown }).id;
    return typeof id === 'string' && id.length <= 200 ? id : null;
  } catch {
    return null;
  }
}

async function publish(kafka: Kafka, letter: DeadLetter, topic: string): Promise<void> {
  // The default (murmur2) partitioner, as the hub's producers: the same key, the same partition.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: letter.key,
          value: letter.value,
          headers: { ...originalHeaders(letter), [REPLAYED_FROM_HEADER]: letter.id },
        },
      ],
    });
  } finally {
    await producer.disconnect();
  }
}
