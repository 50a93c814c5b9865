import 'reflect-metadata';

import { userInfo } from 'node:os';

import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';

import { KafkaHeader, allHubTopics } from '@throughcare/contracts';
import {
  DeadLetterNotFoundError,
  eventIdOf,
  listReplays,
  parseBrokers,
  readDeadLetters,
  replayDeadLetter,
} from '@throughcare/messaging';

// An operator's dead-letter queue tool (docs/operations.md "Replay a dead letter"):
//   npm run dlq -- list                    every dead letter still held, with its reason
//   npm run dlq -- replay <id> [--by NAME] puts it back on its topic once the cause is fixed
//   npm run dlq -- replays                 the audit: who replayed which, when
// Needs KAFKA_BROKERS and a PostgreSQL URL for the api schema (API_DATABASE_URL, else
// DATABASE_URL). Bodies stay sealed: it prints ids, types, reasons, never a message's data.
const USAGE = 'usage: npm run dlq -- list | replays | replay <id> [--by <operator>]';
const API_SCHEMA = 'api';

function connections() {
  const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  const url = process.env['API_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (!url)
    throw new Error('set API_DATABASE_URL or DATABASE_URL (the api schema holds the audit)');
  const kafka = new Kafka({
    clientId: 'throughcare-dlq',
    brokers: parseBrokers(brokers),
    logLevel: logLevel.NOTHING,
  });
  return { kafka, db: new Pool({ connectionString: url, max: 2 }), schema: API_SCHEMA };
}

/** Fixed-width columns; the last one is never cut. */
function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i < widths.length ? cell.slice(0, widths[i]).padEnd(widths[i] ?? 0) : cell))
    .join('  ');
}

async function list(deps: ReturnType<typeof connections>): Promise<void> {
  const topics = allHubTopics().filter((topic) => topic.endsWith('.dlq'));
  const [letters, replays] = await Promise.all([
    readDeadLetters(deps.kafka, topics),
    listReplays(deps),
  ]);
  const replayed = new Map(replays.map((r) => [r.deadLetterId, r]));
  if (letters.length === 0) return void console.log('no dead letters held');
  const widths = [44, 19, 36];
  console.log(row(['id', 'dead-lettered at', 'event id', 'replayed'], widths));
  for (const letter of letters) {
    const done = replayed.get(letter.id);
    const when = letter.deadLetteredAt.toISOString().slice(0, 19);
    const replayedCell = done ? `by ${done.replayedBy}` : 'no';
    console.log(row([letter.id, when, eventIdOf(letter.value) ?? '-', replayedCell], widths));
    console.log(`  reason: ${letter.headers[KafkaHeader.DeadLetterReason] ?? '(none)'}`);
  }
}

async function replay(deps: ReturnType<typeof connections>, args: string[]): Promise<void> {
  const [id] = args;
  if (!id) throw new Error(USAGE);
  const byAt = args.indexOf('--by');
  const by = byAt >= 0 ? args[byAt + 1] : userInfo().username;
  if (!by) throw new Error('--by needs a name');
  const outcome = await replayDeadLetter(deps, id, by);
  const { replay: done } = outcome;
  console.log(
    outcome.alreadyReplayed
      ? `${id} was already replayed by ${done.replayedBy} at ${done.replayedAt.toISOString()}; not sent again`
      : `${id} replayed onto ${done.sourceTopic} by ${done.replayedBy} at ${done.replayedAt.toISOString()}`,
  );
}

async function replays(deps: ReturnType<typeof connections>): Promise<void> {
  for (const r of await listReplays(deps))
    console.log(
      `${r.replayedAt.toISOString()}  ${r.replayedBy}  ${r.deadLetterId}  event ${r.eventId ?? '-'}`,
    );
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'list' && command !== 'replay' && command !== 'replays') throw new Error(USAGE);
  const deps = connections();
  try {
    if (command === 'list') await list(deps);
    else if (command === 'replays') await replays(deps);
    else await replay(deps, args);
  } finally {
    await deps.db.end();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof DeadLetterNotFoundError ? error.message : `dlq: ${error.message}`);
  process.exit(1);
});
