/**
 * The notifier's delivery path on the whole stack, for A/B runs while changing it (issue 13):
 * starts a hub (its own database, Redis prefix and consumer groups; ports from BENCH_PORT),
 * registers a CJIT, a community provider and a probation service for one area, each with a
 * webhook on a local sink, then per person records a reception, consent (every scope, plan
 * signed) and a release 20 days ahead (its six-week notice goes at once to all three). Phases:
 *
 *   latency: `BENCH_PEOPLE_LATENCY` people at `BENCH_RATE` people/s, one at a time by the clock:
 *            release intake p50/p99 and intake to first webhook p50/p99.
 *   burst:   `BENCH_PEOPLE_BURST` people as fast as intake takes them (8 in flight), then
 *            notices/s delivered from the first to the last webhook of the burst.
 *
 * Prints one JSON line. Run: KAFKA_BROKERS=127.0.0.1:<port> node -r ./tools/register-ts.js
 * bench/delivery-path.ts (Kafka must be running; PostgreSQL and Redis shared).
 */
import { performance } from 'node:perf_hooks';

import { dropDatabase, ensureDatabase } from '@throughcare/persistence';
import {
  HubApiClient,
  TestDatabase,
  WebhookSink,
  buildReception,
  buildReleaseEvent,
  expectEventually,
  migrateAll,
  startHub,
  testRunEnvironment,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { distribution } from './lib/percentiles';

const RATE = Number(process.env['BENCH_RATE'] ?? 5);
const LATENCY_PEOPLE = Number(process.env['BENCH_PEOPLE_LATENCY'] ?? 50);
const BURST_PEOPLE = Number(process.env['BENCH_PEOPLE_BURST'] ?? 300);
const PORT = Number(process.env['BENCH_PORT'] ?? 9300);
const releaseDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const PATHS = ['/cjit', '/provider', '/om'];

function must(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

async function main(): Promise<void> {
  const runId = `bench_${Date.now().toString(36)}_${process.pid}`;
  const run = testRunEnvironment(runId) as Record<
    'DATABASE_URL' | 'TEST_LOG_DIR' | 'HUB_ADMIN_KEY',
    string
  >;
  const env = { ...process.env, ...run, LOG_LEVEL: 'warn' };
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL });
  await ensureDatabase(env.DATABASE_URL);
  await migrateAll(env, env.TEST_LOG_DIR);
  const sink = await new WebhookSink().start();
  const hub = await startHub(env, PORT, `${env.TEST_LOG_DIR}/hub`);
  const db = new TestDatabase();
  try {
    const api = new HubApiClient(hub.apiUrl, env.HUB_ADMIN_KEY);
    const area = { localAuthorityCodes: ['E08000035'] };
    const types = ['throughcare.notice.release.*'];
    const recipients = [
      { organisationId: 'bench-cjit', type: 'CJIT', path: '/cjit' },
      { organisationId: 'bench-provider', type: 'COMMUNITY_PROVIDER', path: '/provider' },
      { organisationId: 'bench-om', type: 'PROBATION', path: '/om' },
    ];
    for (const recipient of recipients) {
      await api.registerOrganisation({
        organisationId: recipient.organisationId,
        type: recipient.type,
        name: recipient.organisationId,
        ...area,
        spoc: { name: 'Duty', email: `spoc@${recipient.organisationId}.example` },
      });
      const { id } = await api.subscribe(recipient.organisationId, sink.url(recipient.path), types);
      // New consumer groups first read what earlier runs left on the broker.
      await expectEventually(
        async () =>
          must(
            (await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [
              id,
            ])) === 1,
            `subscription ${id} not at the notifier yet`,
          ),
        { timeoutMs: 300_000, intervalMs: 500 },
      );
    }

    const firstWebhookAt = (prisonNumber: string) =>
      sink.received.find((r) => r.status === 204 && r.body.includes(`"subject":"${prisonNumber}"`))
        ?.receivedAt;

    async function person(): Promise<{ prisonNumber: string; intakeMs: number; at: number }> {
      const prisonNumber = uniquePrisonNumber();
      // As a release team would: the reception opens the record, consent, then the release.
      const reception = await api.post(
        '/v1/events/reception',
        buildReception({
          prisonNumber,
          receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
          cjitCaseload: { organisationId: 'bench-cjit' },
        }),
      );
      if (reception.status !== 202) throw new Error(`reception answered ${reception.status}`);
      const consent = await api.put(`/v1/people/${prisonNumber}/consent`, {
        communityTreatment: true,
        cjit: true,
        probation: true,
        ndtms: true,
        releasePlanSigned: true,
        recordedBy: 'bench',
        recordedAt: new Date().toISOString(),
      });
      const release = buildReleaseEvent({ prisonNumber, releaseDate });
      release.supervision.offenderManager = {
        name: 'Sam Patel',
        email: 'sam.patel@probation.example',
        organisationId: 'bench-om',
      };
      const at = Date.now();
      const started = performance.now();
      const accepted = await api.post('/v1/events/release', release);
      const intakeMs = performance.now() - started;
      if (consent.status !== 200 || accepted.status !== 202)
        throw new Error(`intake answered ${consent.status} / ${accepted.status}`);
      return { prisonNumber, intakeMs, at };
    }

    // Warm-up: one person end to end.
    const warm = await person();
    await expectEventually(() => must(firstWebhookAt(warm.prisonNumber), 'warm-up not delivered'), {
      timeoutMs: 120_000,
    });

    const people: Array<{ prisonNumber: string; intakeMs: number; at: number }> = [];
    const startedAt = Date.now();
    for (let i = 0; i < LATENCY_PEOPLE; i += 1) {
      const due = startedAt + (i * 1000) / RATE;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      people.push(await person());
    }
    await expectEventually(
      () =>
        must(
          people.every((p) => firstWebhookAt(p.prisonNumber) !== undefined),
          'not every person notified yet',
        ),
      { timeoutMs: 60_000 },
    );
    const toWebhook = people.map((p) => (firstWebhookAt(p.prisonNumber) as number) - p.at);

    const before = sink.received.length;
    const burst: string[] = [];
    const burstStart = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < BURST_PEOPLE) {
          next += 1;
          burst.push((await person()).prisonNumber);
        }
      }),
    );
    const intakeDoneMs = Date.now() - burstStart;
    const expected = before + BURST_PEOPLE * PATHS.length;
    await expectEventually(
      () =>
        must(
          sink.received.filter((r) => r.status === 204).length >= expected,
          'burst not delivered yet',
        ),
      { timeoutMs: 300_000, intervalMs: 200 },
    );
    const burstHooks = sink.received.slice(before);
    const first = Math.min(...burstHooks.map((r) => r.receivedAt));
    const last = Math.max(...burstHooks.map((r) => r.receivedAt));
    const ids = new Set(sink.received.map((r) => r.headers['webhook-id']));
    const intake = distribution(people.map((p) => p.intakeMs));
    const webhook = distribution(toWebhook);
    process.stdout.write(
      `${JSON.stringify({
        rate: RATE,
        latencyPeople: LATENCY_PEOPLE,
        intakeP50: intake.p50,
        intakeP99: intake.p99,
        toWebhookP50: webhook.p50,
        toWebhookP99: webhook.p99,
        burstPeople: BURST_PEOPLE,
        burstIntakeMs: intakeDoneMs,
        burstNotices: burstHooks.length,
        noticesPerSecond: Math.round((burstHooks.length * 1000) / Math.max(1, last - first)),
        firstToLastMs: last - first,
        duplicates: sink.received.length - ids.size,
      })}\n`,
    );
  } finally {
    await hub.stop();
    await sink.stop();
    await db.close();
    await dropDatabase(env.DATABASE_URL).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
