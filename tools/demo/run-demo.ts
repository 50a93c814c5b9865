import { join } from 'node:path';

import { ensureDatabase, dropDatabase } from '@throughcare/persistence';
import {
  HUB_SERVICES,
  HubApiClient,
  TestDatabase,
  WORKSPACE_ROOT,
  WebhookSink,
  expectEventually,
  migrateAll,
  startService,
  stopService,
  type RunningService,
} from '@throughcare/testing';

import {
  RECIPIENTS,
  SCENARIO_END,
  SCENARIO_STEPS,
  SCENARIO_START,
  registerDirectory,
} from './demo-scenario';
import { DEMO_ON_TIME_GRACE } from './continuity-cohort';
import { compareMeasuresWithHandCount } from './print-measures';
import { printWhatEachRecipientReceived } from './print-recipients';
import { fit, hoursAndMinutes } from './report-layout';

// Six weeks of simulated time in about two minutes (docs/hub-interface.md §5: HUB_CLOCK_*).
const SPEED = 30_000;
const API_PORT = Number(process.env['PORT'] ?? 3000);
// The other services and the sink follow the api's port (3101-3103 and 4600 for 3000), so a demo
// on another port (the test command's) does not collide with one on the default.
const servicePort = (index: number) => (index === 0 ? API_PORT : API_PORT + 100 + index);
const SINK_PORT = API_PORT + 1600;
const REPORT_DIR = join(WORKSPACE_ROOT, '.cache', 'demo');

function demoEnvironment(): NodeJS.ProcessEnv {
  const random = (bytes: number) => require('node:crypto').randomBytes(bytes) as Buffer;
  return {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
    DATABASE_URL:
      process.env['DEMO_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/throughcare_demo',
    BULL_PREFIX: 'thub-demo',
    HUB_ADMIN_KEY: process.env['HUB_ADMIN_KEY'] ?? random(24).toString('hex'),
    HUB_SECRET_KEY: process.env['HUB_SECRET_KEY'] ?? random(32).toString('base64'),
    // Seals clinical and identifying fields on Kafka (docs/security/data-protection.md).
    HUB_FIELD_KEYS: process.env['HUB_FIELD_KEYS'] ?? `demo:${random(32).toString('base64')}`,
    HUB_FIELD_KEY_ID: process.env['HUB_FIELD_KEY_ID'] ?? 'demo',
    HUB_CLOCK_START: SCENARIO_START,
    HUB_CLOCK_SPEED: String(SPEED),
    HUB_CLOCK_ANCHOR: new Date().toISOString(),
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_SCHEDULE: '1s,2s,4s',
    MILESTONE_RECONCILE_INTERVAL_MS: '1000',
    OUTBOX_POLL_INTERVAL_MS: '200',
    MEASURES_ON_TIME_GRACE: DEMO_ON_TIME_GRACE,
    // The services pin the murmur2 partitioner; the notice kafkajs prints about its default is noise.
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
}

/** Posts each step with HMP Leeds's own key when the simulated clock reaches it. */
async function playSteps(
  leeds: HubApiClient,
  community: { api: HubApiClient; sink: WebhookSink },
  env: NodeJS.ProcessEnv,
): Promise<void> {
  for (const { at, method, path, story, body } of SCENARIO_STEPS) {
    const wait = (Date.parse(at) - simulatedNow(env).getTime()) / SPEED;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const answer =
      method === 'ISSUE_BRIDGING'
        ? await issueBridgingScript(leeds, path, at)
        : method === 'ACKNOWLEDGE'
          ? await acknowledgeLatestNotice(community, path, body)
          : method === 'PUT'
            ? await leeds.put(`/v1/${path}`, body)
            : await leeds.post(`/v1/${path}`, body);
    const outcome =
      answer.status < 300 ? 'accepted' : `refused: ${(answer.body as { detail?: string }).detail}`;
    const label =
      method === 'ISSUE_BRIDGING'
        ? 'bridging issued'
        : method === 'ACKNOWLEDGE'
          ? `acknowledged`
          : path.replace(/^events\//, '').replace(/^people\/[A-Z0-9]+\//, '');
    console.log(
      fit(`[demo] ${at.slice(0, 16)} ${label.padEnd(17)} ${story} -> ${answer.status} ${outcome}`),
    );
  }
}

/**
 * A prison prescriber finds the person's open bridging request and issues the script. The request
 * is opened by the continuity service from a Kafka event (the two-day milestone, or the court
 * release 45 simulated minutes, 0.09 real seconds, earlier), so on a busy machine it may not be
 * there yet: the prescriber looks again, for up to BRIDGING_WAIT_MS, before giving up.
 */
async function issueBridgingScript(
  prescriber: HubApiClient,
  prisonNumber: string,
  issuedAt: string,
): Promise<{ status: number; body: unknown }> {
  const request = await openBridgingRequest(prescriber, prisonNumber);
  if (!request) return { status: 404, body: { detail: 'no open bridging request' } };
  return prescriber.post(`/v1/prescribing/bridging-requests/${request.id}/issued`, {
    form: 'FP10MDA',
    prescriber: { name: 'Dr R. Khan', registrationNumber: '7012345' },
    issuedAt,
    coverUntil: request.coverUntil,
  });
}

const BRIDGING_WAIT_MS = 30_000;

/**
 * Leeds community treatment acknowledges the latest notice it received about the person (ACK-01),
 * by the webhook-id it came with. The API's copy of the delivery follows the notifier within
 * moments, so a 404 is tried again for up to BRIDGING_WAIT_MS.
 */
async function acknowledgeLatestNotice(
  community: { api: HubApiClient; sink: WebhookSink },
  prisonNumber: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + BRIDGING_WAIT_MS;
  for (;;) {
    const latest = community.sink
      .acceptedAt('/leeds-cp')
      .filter((r) => (JSON.parse(r.body) as { subject?: string }).subject === prisonNumber)
      .at(-1);
    const answer = latest
      ? await community.api.post(
          `/v1/notices/${String(latest.headers['webhook-id'])}/acknowledgements`,
          body,
        )
      : { status: 404, body: { detail: `no notice about ${prisonNumber} at leeds-cp` } };
    if (answer.status !== 404 || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openBridgingRequest(
  prescriber: HubApiClient,
  prisonNumber: string,
): Promise<{ id: string; coverUntil: string } | undefined> {
  const deadline = Date.now() + BRIDGING_WAIT_MS;
  for (;;) {
    const open = await prescriber.get('/v1/prescribing/bridging-requests?status=OPEN');
    const request = (open.body as Array<{ id: string; prisonNumber: string; coverUntil: string }>)
      .filter((r) => r.prisonNumber === prisonNumber)
      .at(0);
    if (request || Date.now() > deadline) return request;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One line on the clock every time in the report is read on. */
function clockExplained(): string {
  const [from, to] = [SCENARIO_START, SCENARIO_END].map((instant) => instant.slice(0, 10));
  const perSecond = hoursAndMinutes(SPEED);
  return `[demo] every time shown is on a simulated clock: ${from} to ${to} at ${SPEED.toLocaleString('en-GB')}x (a real second is ${perSecond})`;
}

function simulatedNow(env: NodeJS.ProcessEnv): Date {
  const elapsed = Date.now() - Date.parse(env['HUB_CLOCK_ANCHOR'] as string);
  return new Date(Date.parse(SCENARIO_START) + elapsed * SPEED);
}

async function main(): Promise<void> {
  const exitAfterScenario = process.argv.includes('--exit-after-scenario');
  const logDir = join(WORKSPACE_ROOT, '.cache', 'demo-logs');
  const sink = await new WebhookSink().start(SINK_PORT);
  const env = demoEnvironment();
  await dropDatabase(env['DATABASE_URL'] as string);
  await ensureDatabase(env['DATABASE_URL'] as string);
  await migrateAll(env, logDir);
  console.log('[demo] migrations applied; starting api, planner, continuity and notifier');

  env['HUB_CLOCK_ANCHOR'] = new Date().toISOString();
  const services: RunningService[] = await Promise.all(
    HUB_SERVICES.map((name, i) => startService(name, servicePort(i), env, logDir)),
  );
  const stopAll = () => Promise.all(services.map((s) => stopService(s)));
  const api = new HubApiClient(`http://127.0.0.1:${API_PORT}`, env['HUB_ADMIN_KEY'] as string);
  const db = new TestDatabase(env['DATABASE_URL']);

  console.log(`[demo] hub up (service logs in .cache/demo-logs)`);
  console.log(fit(clockExplained()));
  const leeds = new HubApiClient(
    api.baseUrl,
    await registerDirectory(api, (path) => sink.url(path)),
  );
  await expectEventually(async () => {
    if ((await db.count('SELECT count(*) FROM notifier.webhook_subscription')) < RECIPIENTS.length)
      throw new Error('directory not yet known');
  });
  const communityKey = await api.post('/v1/api-keys', {
    organisationId: 'leeds-cp',
    role: 'subscriber',
  });
  const community = {
    api: new HubApiClient(api.baseUrl, (communityKey.body as { key: string }).key),
    sink,
  };
  await playSteps(leeds, community, env);

  console.log(`[demo] playing the weeks until ${SCENARIO_END} ...`);
  await expectEventually(
    async () => {
      if (simulatedNow(env) < new Date(SCENARIO_END)) throw new Error('not yet');
      const open = await db.count(
        `SELECT count(*) FROM notifier.delivery WHERE status = 'PENDING'`,
      );
      const pending = await db.count(
        `SELECT count(*) FROM planner.milestone WHERE status = 'PENDING'`,
      );
      if (open + pending > 0) throw new Error('still delivering');
    },
    { timeoutMs: 10 * 60_000, intervalMs: 1000 },
  );
  console.log(fit(`\n${clockExplained()}`));
  await printWhatEachRecipientReceived(sink, db, join(REPORT_DIR, 'notices.jsonl'));
  const measuresAgree = await compareMeasuresWithHandCount(api, join(REPORT_DIR, 'measures.json'));

  if (exitAfterScenario) {
    await db.close();
    await stopAll();
    await sink.stop();
    if (!measuresAgree) process.exitCode = 1;
    return;
  }
  console.log(
    `[demo] still serving: API http://127.0.0.1:${API_PORT} (admin key in HUB_ADMIN_KEY if you set one). Ctrl-C to stop.`,
  );
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await db.close();
  await stopAll();
  await sink.stop();
}

main().catch((error: Error) => {
  console.error(`[demo] failed: ${error.message}`);
  process.exit(1);
});
