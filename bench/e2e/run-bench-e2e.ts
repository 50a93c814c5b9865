import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';

import { dropDatabase, ensureDatabase } from '@throughcare/persistence';
import {
  HubApiClient,
  NoticeSink,
  TestDatabase,
  WORKSPACE_ROOT,
  migrateAll,
  prisonNumberSequence,
  registerWorkloadRecipients,
  startHub,
  testRunEnvironment,
} from '@throughcare/testing';

import { measureHttpBaseline, measureKafkaBaseline } from './baselines';
import { measureIdleRss, type IdleRss } from './idle-rss';
import { runPhase, type PhasePlan, type PhaseResult } from './load-phase';
import { renderMarkdown, type BenchE2eReport } from './render-report';

/**
 * `npm run bench:e2e` (scripts/bench-e2e.sh): the whole hub on loopback under the workload of
 * issue 13, at fixed rates and then at the maximum, with the raw kafkajs and plain-HTTP baselines
 * in the same run. Writes bench/reports/bench-e2e-<stamp>.{md,json}. Settings (env):
 *
 *   BENCH_E2E_RATES=5,20,50      people per second, one phase each
 *   BENCH_E2E_SECONDS=60         seconds per fixed-rate phase
 *   BENCH_E2E_MAX_SECONDS=60     seconds at the maximum (0: skip); BENCH_E2E_MAX_CONCURRENCY=32
 *   BENCH_E2E_DRAIN_SECONDS=180  at most this long for a phase's notices to arrive
 *   BENCH_E2E_INSTANCES=1        processes per service (2: scale-out)
 *   BENCH_E2E_API_EVENTS_APART=1 the api's Kafka read models in a process of their own
 *   BENCH_E2E_IDLE_SECONDS=20    idle RSS, source and build (0: skip)
 *   BENCH_E2E_BASELINE_SECONDS=10
 */
type BenchSettings = {
  rates: number[];
  seconds: number;
  maxSeconds: number;
  maxConcurrency: number;
  drainSeconds: number;
  instances: number;
  apiEventsApart: boolean;
  idleSeconds: number;
  baselineSeconds: number;
  basePort: number;
  logLevel: string;
};

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
  return value;
}

function settingsFromEnv(): BenchSettings {
  return {
    rates: (process.env['BENCH_E2E_RATES'] ?? '5,20,50')
      .split(',')
      .map(Number)
      .filter((rate) => rate > 0),
    seconds: numberFrom('BENCH_E2E_SECONDS', 60),
    maxSeconds: numberFrom('BENCH_E2E_MAX_SECONDS', 60),
    maxConcurrency: numberFrom('BENCH_E2E_MAX_CONCURRENCY', 32),
    drainSeconds: numberFrom('BENCH_E2E_DRAIN_SECONDS', 180),
    instances: numberFrom('BENCH_E2E_INSTANCES', 1),
    apiEventsApart: process.env['BENCH_E2E_API_EVENTS_APART'] === '1',
    idleSeconds: numberFrom('BENCH_E2E_IDLE_SECONDS', 20),
    baselineSeconds: numberFrom('BENCH_E2E_BASELINE_SECONDS', 10),
    basePort: numberFrom('BENCH_E2E_BASE_PORT', 3400),
    logLevel: process.env['BENCH_E2E_LOG_LEVEL'] ?? 'info',
  };
}

const log = (line: string) => process.stderr.write(`[bench:e2e] ${line}\n`);

function kafkaPid(): number | undefined {
  try {
    const dir = process.env['KAFKA_STATE_DIR'] ?? join(WORKSPACE_ROOT, '.cache', 'kafka');
    return Number(readFileSync(join(dir, 'kafka.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server's own process (the parent of this connection's backend), when it runs on
 * this machine: the bench reports the CPU of the whole cluster beside the hub's processes.
 */
async function postmasterPid(db: TestDatabase): Promise<number | undefined> {
  const [row] = await db.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const stat = readFileSync(`/proc/${row?.pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) || undefined;
  } catch {
    return undefined; // a server on another machine
  }
}

async function machine(db: TestDatabase): Promise<BenchE2eReport['machine']> {
  const [pg] = await db.rows<{ version: string }>('SELECT version()');
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    postgres: pg?.version.split(' on ')[0] ?? 'unknown',
    kafka: '3.9 (KRaft, single node, scripts/infra/kafka.sh)',
  };
}

function benchEnvironment(settings: BenchSettings, runId: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...testRunEnvironment(runId),
    LOG_LEVEL: settings.logLevel,
    TEST_LOG_DIR: join(WORKSPACE_ROOT, '.cache', 'bench-e2e', runId),
  };
  // Production's retry schedule and outbox settings, not the tests' shortened ones.
  delete env['WEBHOOK_RETRY_SCHEDULE'];
  delete env['OUTBOX_POLL_INTERVAL_MS'];
  delete env['MILESTONE_RECONCILE_INTERVAL_MS'];
  return env;
}

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const runId = `bench_${Date.now().toString(36)}_${process.pid}`;
  const env = benchEnvironment(settings, runId);
  const logDir = env['TEST_LOG_DIR'] as string;
  const started = Date.now();
  await ensureDatabase(env['DATABASE_URL'] as string);
  const db = new TestDatabase(env['DATABASE_URL']);
  const sink = await new NoticeSink().start();
  try {
    await migrateAll(env, logDir);
    const brokers = (env['KAFKA_BROKERS'] as string).split(',');
    log(`baselines (${settings.baselineSeconds} s each)`);
    const kafkaBaseline = await measureKafkaBaseline(brokers, settings.baselineSeconds, log);
    const httpBaseline = await measureHttpBaseline(sink.url('/baseline'), settings.baselineSeconds);
    log(`plain HTTP POST: ${httpBaseline.requestsPerSecond.toFixed(0)} req/s`);

    let idleRss: { source: IdleRss; build: IdleRss } | undefined;
    if (settings.idleSeconds > 0) {
      log(`idle RSS: source (swc-node) and build, ${settings.idleSeconds} s settle each`);
      const source = await measureIdleRss(
        env,
        settings.basePort,
        logDir,
        settings.idleSeconds,
        'source',
      );
      const build = await measureIdleRss(
        env,
        settings.basePort,
        logDir,
        settings.idleSeconds,
        'build',
      );
      idleRss = { source, build };
      log(`idle RSS MiB source ${JSON.stringify(source)} build ${JSON.stringify(build)}`);
    }

    log(`starting the hub (${settings.instances} instance(s) of each service)`);
    const hub = await startHub(env, settings.basePort, logDir, {
      instances: settings.instances,
      apiEventsApart: settings.apiEventsApart,
    });
    // Four processes an instance, then the api's read models when they run apart.
    const processName = (service: { name: string }, i: number) =>
      i >= settings.instances * 4
        ? 'api-events'
        : settings.instances > 1
          ? `${service.name}#${Math.floor(i / 4) + 1}`
          : service.name;
    const phases: PhaseResult[] = [];
    try {
      const admin = new HubApiClient(hub.apiUrl, env['HUB_ADMIN_KEY'] as string);
      await registerWorkloadRecipients(admin, db, sink);
      const pids = new Map<string, number>();
      hub.instances.forEach((service, i) => {
        if (service.process.pid) pids.set(processName(service, i), service.process.pid);
      });
      const kafka = kafkaPid();
      if (kafka) pids.set('kafka (JVM)', kafka);
      pids.set('load generator + sink', process.pid);
      const processTrees = new Map<string, number>();
      const postgres = await postmasterPid(db);
      if (postgres) processTrees.set('postgresql (every backend)', postgres);
      const ctx = {
        processTrees,
        apis: hub.apiUrls.map((url) => new HubApiClient(url, env['HUB_ADMIN_KEY'] as string)),
        sink,
        db,
        pids,
        services: hub.instances.map((service, i) => ({
          name: processName(service, i),
          port: service.port,
        })),
        adminKey: env['HUB_ADMIN_KEY'] as string,
        nextPrisonNumber: prisonNumberSequence('B'),
        log,
      };
      const plans: PhasePlan[] = settings.rates.map((rate) => ({
        label: `${rate}/s`,
        ratePerSecond: rate,
        seconds: settings.seconds,
        drainSeconds: settings.drainSeconds,
      }));
      if (settings.maxSeconds > 0)
        plans.push({
          label: `max (${settings.maxConcurrency} in flight)`,
          concurrency: settings.maxConcurrency,
          seconds: settings.maxSeconds,
          drainSeconds: settings.drainSeconds,
        });
      for (const plan of plans) phases.push(await runPhase(ctx, plan));
    } finally {
      await hub.stop();
    }

    const report: BenchE2eReport = {
      generatedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: await machine(db),
      settings,
      baselines: { kafka: kafkaBaseline, http: httpBaseline },
      idleRss,
      phases,
    };
    writeReport(report);
  } finally {
    await sink.stop();
    await db.close();
    await dropDatabase(env['DATABASE_URL'] as string).catch(() => undefined);
  }
}

function writeReport(report: BenchE2eReport): void {
  const dir = join(WORKSPACE_ROOT, 'bench', 'reports');
  mkdirSync(dir, { recursive: true });
  const stamp = report.generatedAt.replace(/[:]/g, '').replace(/\..*/, 'Z');
  const name = `bench-e2e-${stamp}-x${report.settings.instances}`;
  const markdown = renderMarkdown(report);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), markdown);
  process.stdout.write(markdown);
  log(`report: bench/reports/${name}.{md,json}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    log(`failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
