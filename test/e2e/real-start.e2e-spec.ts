import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { DateTime } from 'luxon';
import { Webhook } from 'standardwebhooks';

import { dropDatabase } from '@throughcare/persistence';
import {
  HubApiClient,
  TestDatabase,
  WORKSPACE_ROOT,
  WebhookSink,
  buildReception,
  buildReleaseEvent,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

// Issue 14, "what must be true" 1: the real start command (`npm run hub`) on a fresh database
// brings the hub up on the system clock, prints the first admin key once; a key issued through
// the API posts a release whose notices reach a local sink; Ctrl-C stops everything it started.
// The PostgreSQL server and Redis are the test run's and the broker is one of the test's own
// (all configured, so the command starts no infrastructure of its own); the database is new and
// empty. Its own broker: the run's other e2e hubs share one, and this hub's directory events and
// notices would reach them (their consumer groups read every topic), sending their notifiers to
// this test's sink long after it has stopped.

const offset = Number(process.env['TEST_PORT_OFFSET'] ?? 0);
const API_PORT = 3600 + offset;
// Organisations of this run only: the hub's new consumer groups read the shared broker's topics
// from the beginning, and an earlier run's release naming the same OM would reach this sink.
const run = Date.now().toString(36);
const PRISON = `hmp-leeds-${run}`;
const PROBATION = `probation-${run}`;
const tomorrow = DateTime.now().setZone('Europe/London').plus({ days: 1 }).toISODate() as string;

/** Every process under `root` (npm, its shell, the start command, the services), `root` first. */
function processTree(root: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of table) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('npm run hub: a real start on the real clock', () => {
  const runDatabase = process.env['DATABASE_URL'] as string;
  const databaseUrl = `${runDatabase}_real`;
  const logDir = join(process.env['TEST_LOG_DIR'] as string, 'real-start');
  let hub: ChildProcess;
  let output = '';
  let sink: WebhookSink;
  let db: TestDatabase;

  // A broker of this test's own, on ports beside the run's (KAFKA_PORT + 40), fresh state.
  const kafkaPort = Number(process.env['KAFKA_PORT'] ?? 19092) + 40;
  const kafkaEnv = {
    ...process.env,
    KAFKA_PORT: String(kafkaPort),
    KAFKA_CONTROLLER_PORT: String(kafkaPort + 1),
    KAFKA_STATE_DIR: join(WORKSPACE_ROOT, '.cache', `kafka-real-start-${kafkaPort}`),
  };
  const kafka = (command: 'start' | 'stop') =>
    execFileSync('bash', [join(WORKSPACE_ROOT, 'scripts/infra/kafka.sh'), command], {
      cwd: WORKSPACE_ROOT,
      env: kafkaEnv,
      stdio: 'ignore',
    });

  beforeAll(async () => {
    kafka('stop');
    kafka('start');
    sink = await new WebhookSink().start();
    db = new TestDatabase(databaseUrl);
    await dropDatabase(databaseUrl);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      BULL_PREFIX: `${process.env['BULL_PREFIX']}-real`,
      KAFKA_GROUP_SUFFIX: `${process.env['KAFKA_GROUP_SUFFIX']}-real`,
      API_PORT: String(API_PORT),
      PLANNER_PORT: String(API_PORT + 1),
      CONTINUITY_PORT: String(API_PORT + 2),
      NOTIFIER_PORT: String(API_PORT + 3),
      HUB_LOG_DIR: logDir,
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      // Faster than production only in how often things are looked at, never in the clock.
      WEBHOOK_RETRY_SCHEDULE: '300ms,600ms',
      MILESTONE_RECONCILE_INTERVAL_MS: '1000',
      OUTBOX_POLL_INTERVAL_MS: '100',
    };
    delete env['HUB_ADMIN_KEY'];
    // Its own process group, as a terminal's foreground job: Ctrl-C signals the whole group.
    hub = spawn('npm', ['run', 'hub'], {
      cwd: WORKSPACE_ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    hub.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expectEventually(
      () => {
        if (hub.exitCode !== null) throw new Error(`npm run hub exited:\n${output}`);
        expect(output).toMatch(/^\s+thk_\S+$/m);
      },
      { timeoutMs: 75_000, intervalMs: 250 },
    );
  }, 150_000);

  afterAll(async () => {
    // After a failure only: the test's own Ctrl-C has normally stopped the whole group.
    try {
      if (hub?.pid) process.kill(-hub.pid, 'SIGKILL');
    } catch {
      // ESRCH: no process of the group is left.
    }
    await db?.close();
    await sink?.stop();
    await dropDatabase(databaseUrl);
    kafka('stop');
  });

  it('shows the first admin key once, with which a prison key and a subscription are issued; a release for tomorrow reaches the sink; Ctrl-C stops every process it started', async () => {
    expect(output).toContain('[hub] up on the system clock, NODE_ENV=development');
    const key = (/^\s+(thk_\S+)$/m.exec(output) as RegExpExecArray)[1] as string;
    expect(output.split(key)).toHaveLength(2);
    expect(output).toContain('POST /v1/api-keys');
    for (const log of readdirSync(logDir))
      expect(readFileSync(join(logDir, log), 'utf8')).not.toContain(key);
    // Stored as its hash only, like every other key.
    const [stored] = await db.rows<{ role: string; key_hash: string }>(
      'SELECT role, key_hash FROM api.api_key',
    );
    expect(stored?.role).toBe('admin');
    expect(stored?.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const admin = new HubApiClient(`http://127.0.0.1:${API_PORT}`, key);
    await admin.registerOrganisation({
      organisationId: PRISON,
      type: 'PRISON',
      name: 'HMP Leeds',
      establishments: ['LEI'],
      spoc: { name: 'Healthcare SPOC', email: `spoc@${PRISON}.example` },
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId: PRISON,
      role: 'prison',
      establishments: ['LEI'],
    });
    expect(issued.status).toBe(201);
    const prison = new HubApiClient(admin.baseUrl, (issued.body as { key: string }).key);

    await admin.registerOrganisation({
      organisationId: PROBATION,
      type: 'PROBATION',
      name: 'Probation (real start)',
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty officer', email: `duty@${PROBATION}.example` },
    });
    const { id, secret } = await admin.subscribe(PROBATION, sink.url('/om'), [
      'throughcare.notice.release.*',
    ]);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
      ).toBe(1),
    );

    const prisonNumber = uniquePrisonNumber();
    const reception = buildReception({
      prisonNumber,
      establishment: 'LEI',
      receivedAt: DateTime.now().minus({ days: 30 }).toUTC().toISO() as string,
    });
    expect((await prison.post('/v1/events/reception', reception)).status).toBe(202);
    const release = buildReleaseEvent({ prisonNumber, releaseDate: tomorrow });
    release.supervision.offenderManager = {
      name: 'Sam Patel',
      email: 'sam.patel@probation.example',
      organisationId: PROBATION,
    };
    expect((await prison.post('/v1/events/release', release)).status).toBe(202);

    // Tomorrow's release is inside both the six-week and the two-day windows: both notices go
    // at once (short notice); the day-of-release one waits for tomorrow on the real clock.
    const notices = await expectEventually(
      () => {
        const received = sink.acceptedAt('/om');
        expect(received).toHaveLength(2);
        return received;
      },
      { timeoutMs: 45_000 },
    );
    const types = notices.map((notice) => {
      const payload = new Webhook(secret).verify(notice.body, {
        'webhook-id': notice.headers['webhook-id'] as string,
        'webhook-timestamp': notice.headers['webhook-timestamp'] as string,
        'webhook-signature': notice.headers['webhook-signature'] as string,
      }) as { type: string; subject: string; data: { releaseDate: string } };
      expect(payload.subject).toBe(prisonNumber);
      expect(payload.data.releaseDate).toBe(tomorrow);
      return payload.type;
    });
    expect(types.sort()).toEqual([
      'throughcare.notice.release.six-weeks',
      'throughcare.notice.release.two-days',
    ]);

    // Ctrl-C: SIGINT to the foreground process group.
    const started = processTree(hub.pid as number);
    expect(started.length).toBeGreaterThanOrEqual(5); // npm, the command, four services
    const exited = new Promise<number | null>((resolve) => hub.once('exit', resolve));
    process.kill(-(hub.pid as number), 'SIGINT');
    await exited;
    await expectEventually(() => expect(started.filter(alive)).toEqual([]), {
      timeoutMs: 20_000,
    });
    expect(output).toContain('[hub] stopped');
    await expect(fetch(`http://127.0.0.1:${API_PORT}/health/live`)).rejects.toThrow();
  }, 90_000);
});
