import {
  HubApiClient,
  TestDatabase,
  WebhookSink,
  buildReleaseEvent,
  expectEventually,
  startHub,
  startService,
  stopService,
  uniquePrisonNumber,
  type RunningHub,
  type RunningService,
} from '@throughcare/testing';

/*
 * Graceful shutdown (docs/operations.md): a notifier sent SIGTERM while its webhook requests are
 * in flight lets them finish and records them DELIVERED before it exits, so the notifier that
 * comes next sends nothing again (no second request, under any webhook-id).
 */

const releaseDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const SLOW_ANSWER_MS = 4_000;

/** Polls an assertion for `ms` and fails as soon as it does not hold: nothing happens meanwhile. */
async function expectStillFor(assertion: () => void, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    assertion();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assertion();
}

describe('a notifier stopped with SIGTERM mid-request', () => {
  let hub: RunningHub;
  let restarted: RunningService | undefined;
  let admin: HubApiClient;
  let sink: WebhookSink;
  let db: TestDatabase;
  const env = { ...process.env, WEBHOOK_TIMEOUT_MS: '8000', WEBHOOK_RETRY_SCHEDULE: '1s,1s,1s' };

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    hub = await startHub(env, 3760, `${process.env['TEST_LOG_DIR']}/e2e-graceful-shutdown`);
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
  }, 180_000);

  afterAll(async () => {
    if (restarted) await stopService(restarted);
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('finishes the request in flight, records it DELIVERED, and the next notifier does not resend it', async () => {
    // Unique per run: the broker keeps earlier runs' notices, which a new consumer group reads.
    const organisationId = `om-sigterm-${Date.now().toString(36)}`;
    await admin.registerOrganisation({
      organisationId,
      type: 'PROBATION',
      name: organisationId,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty officer', email: `spoc@${organisationId}.example` },
    });
    const path = `/${organisationId}`;
    const { id } = await admin.subscribe(organisationId, sink.url(path), [
      'throughcare.notice.release.*',
    ]);
    await expectEventually(
      async () =>
        expect(
          await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
        ).toBe(1),
      { timeoutMs: 60_000 },
    );
    sink.respondAfter(path, SLOW_ANSWER_MS);
    const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate });
    release.supervision.offenderManager = {
      name: 'Sam Patel',
      email: 'sam.patel@probation.example',
      organisationId,
    };
    expect((await admin.post('/v1/events/release', release)).status).toBe(202);
    await expectEventually(() => expect(sink.inFlight(path)).toBeGreaterThanOrEqual(1), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });

    const notifier = hub.services.get('notifier') as RunningService;
    const stoppedAt = Date.now();
    const exitCode = await stopService(notifier, 30_000);

    // It waited for the slow subscriber instead of dropping the request, and went by itself
    // (Nest re-raises SIGTERM once shut down), not by the SIGKILL after the grace period.
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(SLOW_ANSWER_MS - 1_000);
    expect(exitCode === 0 || notifier.process.signalCode === 'SIGTERM').toBe(true);
    const answered = sink.acceptedAt(path);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const rows = await db.rows<{ status: string; attempts: string }>(
      `SELECT d.status, (SELECT count(*) FROM notifier.delivery_attempt a WHERE a.delivery_id = d.id) AS attempts
         FROM notifier.delivery d
        WHERE d.organisation_id = $1 AND d.channel = 'WEBHOOK'`,
      [organisationId],
    );
    expect(rows.length).toBe(answered.length);
    expect(rows.every((row) => row.status === 'DELIVERED' && Number(row.attempts) === 1)).toBe(
      true,
    );

    // The next notifier finds nothing owed: no second request to the subscriber.
    restarted = await startService(
      'notifier',
      notifier.port,
      env,
      `${process.env['TEST_LOG_DIR']}/e2e-graceful-shutdown-2`,
    );
    const requestsBefore = sink.requestsTo(path).length;
    await expectEventually(
      async () =>
        expect(
          await db.count(
            `SELECT count(*) FROM notifier.delivery WHERE organisation_id = $1 AND status = 'PENDING'`,
            [organisationId],
          ),
        ).toBe(0),
      { timeoutMs: 10_000 },
    );
    // Long enough for a job left behind to be picked up (stalled check 5 s, retries 1 s).
    await expectStillFor(() => expect(sink.requestsTo(path).length).toBe(requestsBefore), 8_000);
    const webhookIds = sink.requestsTo(path).map((r) => r.headers['webhook-id']);
    expect(new Set(webhookIds).size).toBe(webhookIds.length);
  }, 240_000);
});
