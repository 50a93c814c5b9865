import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Pool } from 'pg';

import { ensureDatabase } from '@throughcare/persistence';
import {
  HUB_SERVICES,
  HubApiClient,
  NoticeSink,
  PrivatePostgres,
  PrivateRedis,
  WORKSPACE_ROOT,
  accountLedger,
  accountNotices,
  migrateAll,
  playPerson,
  prisonNumberSequence,
  registerWorkloadRecipients,
  startService,
  type HubService,
  type LedgerAccount,
  type NoticeAccount,
  type PersonRun,
  type RunningService,
  TestDatabase,
} from '@throughcare/testing';

const run = promisify(execFile);

/** `bounded` runs in the test command (about 5 minutes on 2 cores); `full` is every case, longer. */
export const CHAOS_PROFILE = process.env['CHAOS_PROFILE'] === 'full' ? 'full' : 'bounded';

export interface BurstPlan {
  people: number;
  perSecond: number;
}

/** Bursts: 12 people at 8/s bounded, 60 at 15/s full. */
export const BURST: BurstPlan =
  CHAOS_PROFILE === 'full' ? { people: 60, perSecond: 15 } : { people: 12, perSecond: 8 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The whole hub for chaos: four services as processes on a PostgreSQL cluster and a Redis server
 * of its own (so they can be restarted, crashed and flushed without touching the shared ones),
 * and the test run's Kafka broker (killed and restarted with its data kept). Services are
 * killed with SIGKILL and started again on the same port with the same environment.
 */
export class ChaosHub {
  readonly sink = new NoticeSink();
  readonly postgres: PrivatePostgres;
  readonly redis: PrivateRedis;
  db!: ChaosDatabase;
  api!: HubApiClient;
  private env!: NodeJS.ProcessEnv;
  private readonly running = new Map<HubService, RunningService>();
  private readonly nextPrisonNumber = prisonNumberSequence('C');
  private readonly portBase: number;

  constructor(portBase = 3600) {
    this.portBase = portBase + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
    this.postgres = new PrivatePostgres(this.portBase + 40);
    this.redis = new PrivateRedis(this.portBase + 41);
  }

  get logDir(): string {
    return join(
      process.env['TEST_LOG_DIR'] ?? join(WORKSPACE_ROOT, '.cache', 'test-logs'),
      'chaos',
    );
  }

  async start(): Promise<void> {
    this.postgres.start();
    await this.redis.start();
    await this.sink.start();
    const databaseUrl = this.postgres.url('thub_chaos');
    await ensureDatabase(databaseUrl);
    this.env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: this.redis.url,
      // Long enough that a subscriber failing at random still gets every notice (issue 13).
      WEBHOOK_RETRY_SCHEDULE: '250ms,500ms,1s,1s,2s,2s,3s,3s,5s,5s',
      LOG_LEVEL: 'info',
    };
    await migrateAll(this.env, this.logDir);
    this.db = new ChaosDatabase(databaseUrl);
    await Promise.all(HUB_SERVICES.map((name) => this.startOne(name)));
    this.api = new HubApiClient(this.apiUrl, this.env['HUB_ADMIN_KEY'] as string);
    const directoryReads = new TestDatabase(databaseUrl);
    try {
      await registerWorkloadRecipients(this.api, directoryReads, this.sink);
    } finally {
      await directoryReads.close();
    }
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.portBase}`;
  }

  private async startOne(name: HubService): Promise<void> {
    const port = this.portBase + HUB_SERVICES.indexOf(name);
    this.running.set(name, await startService(name, port, this.env, this.logDir, 90_000));
  }

  /** kill -9, then wait for the process to be gone. */
  async kill(name: HubService): Promise<void> {
    const service = this.running.get(name);
    if (!service || service.process.exitCode !== null || service.process.signalCode) return;
    const exited = new Promise((resolve) => service.process.once('exit', resolve));
    service.process.kill('SIGKILL');
    await exited;
  }

  async restart(name: HubService): Promise<void> {
    await this.kill(name);
    await this.startOne(name);
  }

  /** kill -9 of the broker (the test run's, named by KAFKA_STATE_DIR), then a start on its data. */
  async killBroker(): Promise<void> {
    const pid = Number(readFileSync(join(kafkaStateDir(), 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100; i += 1) {
      try {
        process.kill(pid, 0);
        await sleep(100);
      } catch {
        return;
      }
    }
    throw new Error(`broker ${pid} survived SIGKILL`);
  }

  async startBroker(): Promise<void> {
    await run('bash', [join(WORKSPACE_ROOT, 'scripts/infra/kafka.sh'), 'start'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, KAFKA_KEEP_DATA: '1', KAFKA_STATE_DIR: kafkaStateDir() },
    });
  }

  /**
   * A burst of people (reception, consent, release tomorrow) at a steady rate; `during` runs
   * after `afterMs`, while the burst goes on. Once `during` has finished, half as many people
   * again (a restarted service must take new work too). Returns every person's outcome.
   */
  async burst(
    plan: BurstPlan,
    during?: { afterMs: number; action: () => Promise<void> },
  ): Promise<PersonRun[]> {
    const chaos = during ? sleep(during.afterMs).then(during.action) : Promise.resolve();
    const before = await this.startPeople(plan.people, plan.perSecond);
    await chaos;
    const after = during ? await this.startPeople(Math.ceil(plan.people / 2), plan.perSecond) : [];
    return Promise.all([...before, ...after]);
  }

  private async startPeople(count: number, perSecond: number): Promise<Promise<PersonRun>[]> {
    const started = Date.now();
    const people: Promise<PersonRun>[] = [];
    for (let i = 0; i < count; i += 1) {
      const wait = started + (i * 1000) / perSecond - Date.now();
      if (wait > 0) await sleep(wait);
      people.push(playPerson(this.api, this.nextPrisonNumber()));
    }
    return people;
  }

  /**
   * Waits until every accepted person's owed notices arrived and the ledger has held nothing
   * PENDING for 3 s (late work, such as continuity notices after a restart, shows up first), or
   * `timeoutMs` passed; answers both accounts.
   */
  async settle(
    runs: PersonRun[],
    timeoutMs = CHAOS_PROFILE === 'full' ? 180_000 : 90_000,
  ): Promise<{ notices: NoticeAccount; ledger: LedgerAccount; accepted: number }> {
    const people = runs.filter((r) => r.releaseAccepted).map((r) => r.prisonNumber);
    const deadline = Date.now() + timeoutMs;
    let settledSince: number | undefined;
    while (Date.now() < deadline) {
      const missing = accountNotices(this.sink.notices, people).missing.length;
      const ledger = await accountLedger(this.db, people).catch(() => undefined);
      const settled = missing === 0 && ledger !== undefined && ledger.pending === 0;
      settledSince = settled ? (settledSince ?? Date.now()) : undefined;
      if (settledSince !== undefined && Date.now() - settledSince >= 3_000) break;
      await sleep(500);
    }
    return {
      notices: accountNotices(this.sink.notices, people),
      ledger: await accountLedger(this.db, people),
      accepted: people.length,
    };
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.running.values()].map(async (service) => {
        if (service.process.exitCode !== null || service.process.signalCode) return;
        const exited = new Promise((resolve) => service.process.once('exit', resolve));
        service.process.kill('SIGTERM');
        const timer = setTimeout(() => service.process.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await this.db?.close();
    await this.sink.stop();
    await this.redis.stop();
    this.postgres.stop();
  }
}

function kafkaStateDir(): string {
  const dir = process.env['KAFKA_STATE_DIR'];
  if (!dir)
    throw new Error('KAFKA_STATE_DIR must name the test broker (scripts/test.sh exports it)');
  return dir;
}

/**
 * The test's reads of the hub's database. Unlike TestDatabase, it survives the server being
 * restarted under it: a dropped idle connection is an expected event here, not a crash.
 */
class ChaosDatabase {
  private readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url, max: 2 });
    this.pool.on('error', () => undefined);
  }

  async rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.rows<{ count: string }>(sql, params);
    return Number(row?.count ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
