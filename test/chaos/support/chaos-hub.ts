import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ensureDatabase } from '@throughcare/persistence';
import {
  HUB_SERVICES,
  HubApiClient,
  NoticeSink,
  PrivatePostgres,
  PrivateRedis,
  TestDatabase,
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
} from '@throughcare/testing';

const run = promisify(execFile);

/** `bounded` runs in the test command (about 5 minutes on 2 cores); `full` is every case, longer. */
export const CHAOS_PROFILE = process.env['CHAOS_PROFILE'] === 'full' ? 'full' : 'bounded';

export interface BurstPlan {
  people: number;
  perSecond: number;
}

/** Bursts: a dozen people at 8/s bounded, 60 at 15/s full. */
export const BURST: BurstPlan =
  CHAOS_PROFILE === 'full' ? { people: 60, perSecond: 15 } : { people: 16, perSecond: 8 };

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
  db!: TestDatabase;
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
    this.db = new TestDatabase(databaseUrl);
    await Promise.all(HUB_SERVICES.map((name) => this.startOne(name)));
    this.api = new HubApiClient(this.apiUrl, this.env['HUB_ADMIN_KEY'] as string);
    await registerWorkloadRecipients(this.api, this.db, this.sink);
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
   * after `afterMs`, while the burst goes on. Returns every person's outcome.
   */
  async burst(
    plan: BurstPlan,
    during?: { afterMs: number; action: () => Promise<void> },
  ): Promise<PersonRun[]> {
    const started = Date.now();
    const people: Promise<PersonRun>[] = [];
    const chaos = during ? sleep(during.afterMs).then(during.action) : Promise.resolve();
    for (let i = 0; i < plan.people; i += 1) {
      const wait = started + (i * 1000) / plan.perSecond - Date.now();
      if (wait > 0) await sleep(wait);
      people.push(playPerson(this.api, this.nextPrisonNumber()));
    }
    const [runs] = await Promise.all([Promise.all(people), chaos]);
    return runs;
  }

  /**
   * Waits until every accepted person's owed notices arrived and nothing is left PENDING in the
   * ledger (or `timeoutMs` passed), then gives late duplicates a moment; answers both accounts.
   */
  async settle(
    runs: PersonRun[],
    timeoutMs = 120_000,
  ): Promise<{ notices: NoticeAccount; ledger: LedgerAccount; accepted: number }> {
    const people = runs.filter((r) => r.releaseAccepted).map((r) => r.prisonNumber);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const missing = accountNotices(this.sink.notices, people).missing.length;
      const ledger = await accountLedger(this.db, people).catch(() => undefined);
      if (missing === 0 && ledger && ledger.pending === 0) break;
      await sleep(500);
    }
    await sleep(2_000);
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
