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
 * Issue 13 finding 2: a notifier killed with SIGKILL while it holds an endpoint's request slots
 * must not stall that endpoint. Its slots are leases that lapse within seconds, and the
 * deliveries it left PENDING (in flight or waiting) are picked up by the next notifier.
 */

const NOTICES = 8;
const releaseDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

describe('a notifier killed while holding endpoint slots', () => {
  let hub: RunningHub;
  let restarted: RunningService | undefined;
  let admin: HubApiClient;
  let sink: WebhookSink;
  let db: TestDatabase;
  const env = {
    ...process.env,
    ENDPOINT_CONCURRENCY: '2',
    DELIVERY_CONCURRENCY: '4',
    // A long timeout: before leases, a dead process's slots stayed taken for three of these,
    // re-armed by every failed acquire.
    WEBHOOK_TIMEOUT_MS: '20000',
    WEBHOOK_RETRY_SCHEDULE: '1s,1s,1s',
  };

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    hub = await startHub(env, 3700, `${process.env['TEST_LOG_DIR']}/e2e-notifier-killed`);
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
  }, 180_000);

  afterAll(async () => {
    if (restarted) await stopService(restarted);
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('frees the dead process slots within seconds and the next notifier delivers every waiting notice', async () => {
    // Unique per run: the broker keeps earlier runs' notices, which a new consumer group reads.
    const organisationId = `om-killed-${Date.now().toString(36)}`;
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
    // The subscriber hangs (longer than the test waits after the kill): the notifier's two
    // slots stay taken by requests in flight.
    sink.respondAfter(path, 45_000);
    for (let i = 0; i < NOTICES; i += 1) {
      const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate });
      release.supervision.offenderManager = {
        name: 'Sam Patel',
        email: 'sam.patel@probation.example',
        organisationId,
      };
      expect((await admin.post('/v1/events/release', release)).status).toBe(202);
    }
    const countFor = (status: string) =>
      db.count(
        `SELECT count(*) FROM notifier.delivery
          WHERE organisation_id = $1 AND channel = 'WEBHOOK' AND status = $2`,
        [organisationId, status],
      );
    // Each release's notices for the OM are open, two of them in flight.
    await expectEventually(
      async () => expect(await countFor('PENDING')).toBeGreaterThanOrEqual(NOTICES),
      {
        timeoutMs: 60_000,
      },
    );
    await expectEventually(() => expect(sink.inFlight(path)).toBe(2), {
      timeoutMs: 30_000,
    });

    const notifier = hub.services.get('notifier') as RunningService;
    const exited = new Promise((resolve) => notifier.process.on('exit', resolve));
    notifier.process.kill('SIGKILL');
    await exited;
    sink.respondAfter(path, 0);

    restarted = await startService(
      'notifier',
      notifier.port,
      env,
      `${process.env['TEST_LOG_DIR']}/e2e-notifier-killed-2`,
    );
    const readyAt = Date.now();
    await expectEventually(async () => expect(await countFor('PENDING')).toBe(0), {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    expect(Date.now() - readyAt).toBeLessThan(15_000);
    const delivered = await countFor('DELIVERED');
    expect(delivered).toBeGreaterThanOrEqual(NOTICES);
    expect(await countFor('FAILED')).toBe(0);
    // Every one reached the subscriber, each under its own webhook-id, answered by the sink.
    const ids = new Set(sink.acceptedAt(path).map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(delivered);
  }, 300_000);
});
