import { performance } from 'node:perf_hooks';

import {
  HubApiClient,
  TestDatabase,
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
 * Issue 13: intake stays fast while delivery catches up. With the notifier stopped, notices pile
 * up on the notice-due topic (its consumer group's lag); past INTAKE_BACKLOG_LIMIT intake answers
 * at once with 503 problem+json and Retry-After, nothing recorded, counted on /metrics; once the
 * notifier is back and has caught up, intake accepts again.
 */

const releaseDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

describe('intake under a delivery backlog', () => {
  let hub: RunningHub;
  let restarted: RunningService | undefined;
  let admin: HubApiClient;
  let db: TestDatabase;
  const env = { ...process.env, INTAKE_BACKLOG_LIMIT: '3', INTAKE_RETRY_AFTER_SECONDS: '2' };

  beforeAll(async () => {
    db = new TestDatabase();
    hub = await startHub(env, 3800, `${process.env['TEST_LOG_DIR']}/e2e-intake-backpressure`);
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
  }, 180_000);

  afterAll(async () => {
    if (restarted) await stopService(restarted);
    await hub?.stop();
    await db?.close();
  });

  function release() {
    return buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate });
  }

  it('answers 503 with Retry-After at once while the backlog is over its bound, and accepts again once delivery caught up', async () => {
    // Before the backlog: accepted (the notifier keeps up).
    await expectEventually(
      async () => expect((await admin.post('/v1/events/release', release())).status).toBe(202),
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    const notifier = hub.services.get('notifier') as RunningService;
    await stopService(notifier);

    const refused = await expectEventually(
      async () => {
        const event = release();
        const started = performance.now();
        const response = await fetch(`${hub.apiUrl}/v1/events/release`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${process.env['HUB_ADMIN_KEY']}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(event),
        });
        const elapsedMs = performance.now() - started;
        expect(response.status).toBe(503);
        return { response, elapsedMs, event, body: (await response.json()) as object };
      },
      { timeoutMs: 90_000, intervalMs: 300 },
    );
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.response.headers.get('retry-after')).toBe('2');
    expect(refused.body).toMatchObject({ status: 503, title: 'Delivery is catching up' });
    // Refused from the reading cached in the background, not after waiting on the backlog (a
    // loose bound: the machine running the suite may be busy).
    expect(refused.elapsedMs).toBeLessThan(5_000);
    // Nothing recorded for the refused event.
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        refused.event.eventId,
      ]),
    ).toBe(0);
    const metrics = await (await fetch(`${hub.apiUrl}/metrics`)).text();
    expect(metrics).toMatch(/throughcare_intake_refused_backlog_total\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/throughcare_delivery_backlog\{[^}]*\} [1-9]/);

    restarted = await startService(
      'notifier',
      notifier.port,
      env,
      `${process.env['TEST_LOG_DIR']}/e2e-intake-backpressure-2`,
    );
    await expectEventually(
      async () => expect((await admin.post('/v1/events/release', release())).status).toBe(202),
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
  }, 400_000);
});
