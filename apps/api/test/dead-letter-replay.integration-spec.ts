import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { IntakeEventType, KafkaHeader, Topics, deadLetterTopic } from '@throughcare/contracts';
import {
  DeadLetterNotFoundError,
  REPLAYED_FROM_HEADER,
  createKafka,
  eventIdOf,
  isSealed,
  readDeadLetters,
  replayDeadLetter,
  type DeadLetter,
  type ReplayDependencies,
} from '@throughcare/messaging';
import {
  TestDatabase,
  TopicReader,
  TopicWriter,
  WORKSPACE_ROOT,
  buildReception,
  buildTransfer,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';
import { Pool } from 'pg';

import { hoursAgo } from './support/intake-fixtures';
import { startApi, type StartedApi } from './support/start-api';

/*
 * Replaying a dead letter once its cause is fixed (docs/operations.md): a transfer from a prison
 * the person is not in is dead-lettered; the missing movement is then recorded; the operator
 * replays the dead letter and it is processed. The replay is audited and happens once.
 */
describe('dead-letter replay (api against real PostgreSQL and Kafka)', () => {
  let api: StartedApi;
  let db: TestDatabase;
  let topics: TopicReader;
  let prison: TopicWriter;
  let deps: ReplayDependencies;

  const accepted = (eventId: string) =>
    topics.on(Topics.IntakeAccepted).filter((m) => eventIdOf(m.value) === eventId);

  beforeAll(async () => {
    api = await startApi(3295);
    db = new TestDatabase();
    topics = await new TopicReader().start([Topics.Transfer, Topics.IntakeAccepted]);
    prison = await new TopicWriter().start();
    deps = {
      kafka: createKafka('dlq-replay-test', process.env['KAFKA_BROKERS'] as string),
      db: new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 }),
      schema: 'api',
    };
  });

  afterAll(async () => {
    await prison?.stop();
    await topics?.stop();
    await api?.app.close();
    await db?.close();
    await deps?.db.end();
  });

  async function deadLetterOf(eventId: string): Promise<DeadLetter> {
    return expectEventually(
      async () => {
        const letters = await readDeadLetters(deps.kafka, [deadLetterTopic(Topics.Transfer)]);
        const found = letters.find((letter) => eventIdOf(letter.value) === eventId);
        expect(found).toBeDefined();
        return found as DeadLetter;
      },
      { timeoutMs: 45_000, intervalMs: 1_000 },
    );
  }

  it('lists the dead letter with its reason, replays it once fixed, audits it, and never twice', async () => {
    const prisonNumber = uniquePrisonNumber();
    const reception = buildReception({ prisonNumber, receivedAt: hoursAgo(5) });
    expect((await api.admin.post('/v1/events/reception', reception)).status).toBe(202);
    const transfer = buildTransfer({
      prisonNumber,
      fromEstablishment: 'MDI',
      toEstablishment: 'LEI',
      transferredAt: hoursAgo(1),
    });
    await prison.publishEvent(Topics.Transfer, IntakeEventType.TransferCompleted, transfer);

    const letter = await deadLetterOf(transfer.eventId);
    expect(letter.headers[KafkaHeader.DeadLetterReason]).toMatch(/held at LEI, not MDI/);
    // Held sealed on the DLQ and replayed as it is: the consumer opens it like any message.
    expect(isSealed((JSON.parse(letter.value) as { data: unknown }).data)).toBe(true);
    expect(accepted(transfer.eventId)).toEqual([]);

    // The cause: the movement to MDI was never recorded. Record it, then replay.
    const missing = buildTransfer({
      prisonNumber,
      fromEstablishment: 'LEI',
      toEstablishment: 'MDI',
      transferredAt: hoursAgo(3),
    });
    expect((await api.admin.post('/v1/events/transfer', missing)).status).toBe(202);
    const first = await replayDeadLetter(deps, letter.id, 'ops-on-call');

    expect(first.alreadyReplayed).toBe(false);
    expect(first.replay).toMatchObject({
      deadLetterId: letter.id,
      sourceTopic: Topics.Transfer,
      eventId: transfer.eventId,
      replayedBy: 'ops-on-call',
    });
    await expectEventually(() => expect(accepted(transfer.eventId)).toHaveLength(1), {
      timeoutMs: 30_000,
    });
    const [person] = await db.rows<{ establishment: string }>(
      'SELECT establishment FROM api.person WHERE prison_number = $1',
      [prisonNumber],
    );
    expect(person?.establishment).toBe('LEI');
    const audit = await db.rows<{ replayed_by: string; event_id: string }>(
      'SELECT replayed_by, event_id FROM api.dead_letter_replay WHERE dead_letter_id = $1',
      [letter.id],
    );
    expect(audit).toEqual([{ replayed_by: 'ops-on-call', event_id: transfer.eventId }]);

    const second = await replayDeadLetter(deps, letter.id, 'someone-else');

    expect(second.alreadyReplayed).toBe(true);
    expect(second.replay.replayedBy).toBe('ops-on-call');
    const replayedCopies = () =>
      topics.on(Topics.Transfer).filter((m) => m.headers[REPLAYED_FROM_HEADER] === letter.id);
    await expectEventually(() => expect(replayedCopies()).toHaveLength(1));
    expect(replayedCopies()[0]?.headers[KafkaHeader.DeadLetterReason]).toBeUndefined();
  }, 120_000);

  it('refuses an id that names no dead letter, and records nothing', async () => {
    const id = `${deadLetterTopic(Topics.Transfer)}:0:999999999`;

    await expect(replayDeadLetter(deps, id, 'ops-on-call')).rejects.toBeInstanceOf(
      DeadLetterNotFoundError,
    );
    await expect(replayDeadLetter(deps, 'not-an-id', 'ops-on-call')).rejects.toBeInstanceOf(
      DeadLetterNotFoundError,
    );
    expect(
      await db.count('SELECT count(*) FROM api.dead_letter_replay WHERE dead_letter_id = $1', [id]),
    ).toBe(0);
  });

  it('the command lists dead letters with their reasons and the audit of replays', async () => {
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['-r', './tools/register-ts.js', 'tools/dlq/dlq.ts', ...args],
        { cwd: WORKSPACE_ROOT, env: process.env, timeout: 60_000 },
      );

    const listed = await run(['list']);
    const audit = await run(['replays']);

    expect(listed.stdout).toMatch(/held at LEI, not MDI/);
    expect(listed.stdout).toMatch(/by ops-on-call/);
    expect(audit.stdout).toMatch(/ops-on-call {2}throughcare\.transfer\.v1\.dlq:\d+:\d+/);
  }, 90_000);
});
