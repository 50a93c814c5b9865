import { readFileSync } from 'node:fs';

import {
  HUB_SERVICES,
  HubApiClient,
  TestDatabase,
  WebhookSink,
  buildReleaseEvent,
  expectEventually,
  startHub,
  startService,
  stopService,
  uniquePrisonNumber,
  waitForHubToSettle,
  type RunningHub,
  type RunningService,
} from '@throughcare/testing';

/*
 * Issue 13, scale-out: two instances of every service on one database, one Redis prefix and the
 * same consumer groups. Intake is spread over both APIs; every notice reaches each recipient
 * exactly once (no loss, no duplicate webhook-id, no second notice for the same milestone), and
 * both notifiers take part in delivering.
 */

const PEOPLE = 30;
const releaseDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

describe('two instances of every service', () => {
  let hub: RunningHub;
  const second: RunningService[] = [];
  let sink: WebhookSink;
  let db: TestDatabase;
  let apis: HubApiClient[];
  const logDir = `${process.env['TEST_LOG_DIR']}/e2e-scale-out`;

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    hub = await startHub({ ...process.env }, 3900, logDir);
    const base = 3910 + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
    for (const [index, name] of HUB_SERVICES.entries())
      second.push(await startService(name, base + index, { ...process.env }, `${logDir}-2`));
    const key = process.env['HUB_ADMIN_KEY'] as string;
    apis = [new HubApiClient(hub.apiUrl, key), new HubApiClient(`http://127.0.0.1:${base}`, key)];
  }, 240_000);

  afterAll(async () => {
    await Promise.all(second.map((service) => stopService(service)));
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('delivers every notice once, with no loss and no duplicate, sharing the work', async () => {
    const run = Date.now().toString(36);
    const om = `om-scale-${run}`;
    const path = `/${om}`;
    await apis[0]!.registerOrganisation({
      organisationId: om,
      type: 'PROBATION',
      name: om,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty officer', email: `spoc@${om}.example` },
    });
    const { id } = await apis[1]!.subscribe(om, sink.url(path), [
      'throughcare.notice.release.six-weeks',
    ]);
    // New consumer groups first read what earlier runs left on the broker: allow for it.
    await expectEventually(
      async () =>
        expect(
          await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
        ).toBe(1),
      { timeoutMs: 120_000, intervalMs: 500 },
    );

    const prisonNumbers: string[] = [];
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, index) => {
        const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate });
        release.supervision.offenderManager = {
          name: 'Sam Patel',
          email: 'sam.patel@probation.example',
          organisationId: om,
        };
        prisonNumbers.push(release.prisonNumber);
        const accepted = await apis[index % 2]!.post('/v1/events/release', release);
        expect(accepted.status).toBe(202);
      }),
    );

    const received = await expectEventually(
      () => {
        const accepted = sink.acceptedAt(path);
        expect(accepted.length).toBeGreaterThanOrEqual(PEOPLE);
        return accepted;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    // Settle: anything twice would have arrived once the hub is quiet (every event read by both
    // instances' groups, every outbox relayed) and none of the organisation's deliveries waits.
    await waitForHubToSettle(db);
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM notifier.delivery WHERE organisation_id = $1 AND status = 'PENDING'`,
          [om],
        ),
      ).toBe(0),
    );
    const all = sink.requestsTo(path);
    expect(all).toHaveLength(received.length);
    const ids = all.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(ids.length);
    const subjects = all.map((r) => (JSON.parse(r.body) as { subject: string }).subject).sort();
    expect(subjects).toEqual([...prisonNumbers].sort());

    const deliveries = await db.rows<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM notifier.delivery
        WHERE organisation_id = $1 AND channel = 'WEBHOOK' GROUP BY status`,
      [om],
    );
    expect(deliveries).toEqual([{ status: 'DELIVERED', n: String(PEOPLE) }]);
    // Both notifiers took part: each logged some of these deliveries as delivered.
    const attemptsIn = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('-> DELIVERED') && ids.some((id) => line.includes(`${id}`)))
        .length;
    const first = hub.services.get('notifier') as RunningService;
    const other = second.find((service) => service.name === 'notifier') as RunningService;
    expect(attemptsIn(first.logFile)).toBeGreaterThan(0);
    expect(attemptsIn(other.logFile)).toBeGreaterThan(0);
  }, 360_000);
});
