import { Webhook } from 'standardwebhooks';

import {
  HubApiClient,
  TestDatabase,
  TestMailServer,
  WebhookSink,
  buildReleaseEvent,
  expectEventually,
  startHub,
  uniquePrisonNumber,
  waitForHubToSettle,
  type ReceivedWebhook,
  type RunningHub,
} from '@throughcare/testing';

/*
 * Delivery you can trust, on the real stack: retries with the same webhook-id, failed then
 * replayed, a slow subscriber beside a fast one, an endpoint disabled and re-enabled, secure
 * e-mail to a SPOC through a real SMTP server, and secret rotation. Every recipient here is an
 * offender manager's probation service: without consent it gets the restricted set, so no
 * consent set-up is needed.
 */

const SCHEDULE = '500ms,500ms,500ms,500ms'; // five attempts in about 2.5 s
const DISABLE_AFTER = '4s';
const releaseDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);

interface Notice {
  id: string;
  type: string;
  subject?: string;
  data: Record<string, unknown>;
}

describe('delivery you can trust, end to end', () => {
  let hub: RunningHub;
  let admin: HubApiClient;
  let sink: WebhookSink;
  let mail: TestMailServer;
  let db: TestDatabase;
  const subscriptions = new Map<string, { id: string; secret: string; key: string }>();

  /** A probation service with a subscriber key and (unless `webhook` is false) a webhook at `/<id>`. */
  async function probation(organisationId: string, webhook = true): Promise<void> {
    await admin.registerOrganisation({
      organisationId,
      type: 'PROBATION',
      name: organisationId,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty officer', email: `spoc@${organisationId}.example` },
    });
    const issued = await admin.post('/v1/api-keys', { organisationId, role: 'subscriber' });
    const key = (issued.body as { key: string }).key;
    if (!webhook) {
      subscriptions.set(organisationId, { id: '', secret: '', key });
      return;
    }
    const { id, secret } = await admin.subscribe(organisationId, sink.url(`/${organisationId}`), [
      'throughcare.notice.release.*',
    ]);
    subscriptions.set(organisationId, { id, secret, key });
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
      ).toBe(1),
    );
  }

  /** Plans a release for a new person supervised by `organisationId`; its six-week notice goes at once. */
  async function releaseSupervisedBy(organisationId: string): Promise<string> {
    const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate });
    release.supervision.offenderManager = {
      name: 'Sam Patel',
      email: NAMED_OM,
      organisationId,
    };
    expect((await admin.post('/v1/events/release', release)).status).toBe(202);
    return release.prisonNumber;
  }

  const at = (path: string) => sink.requestsTo(path);
  /** The offender manager every release here names (releaseSupervisedBy). */
  const NAMED_OM = 'sam.patel@probation.example';
  const sixWeeksMailedTo = (address: string, prisonNumber: string) =>
    mail
      .to(address)
      .filter((m) => m.subject.includes('release.six-weeks') && m.text.includes(prisonNumber));
  const parse = (request: ReceivedWebhook) => JSON.parse(request.body) as Notice;

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    mail = await new TestMailServer().start();
    db = new TestDatabase();
    hub = await startHub(
      {
        ...process.env,
        WEBHOOK_RETRY_SCHEDULE: SCHEDULE,
        ENDPOINT_DISABLE_AFTER: DISABLE_AFTER,
        WEBHOOK_TIMEOUT_MS: '8000',
        DELIVERY_CONCURRENCY: '4',
        ENDPOINT_CONCURRENCY: '2',
        SMTP_URL: mail.url(),
      },
      3400,
      `${process.env['TEST_LOG_DIR']}/e2e-delivery`,
    );
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
  });

  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await mail?.stop();
    await db?.close();
  });

  it('delivers once, with the same webhook-id, to a subscriber that fails three times first', async () => {
    await probation('om-flaky');
    sink.failNext('/om-flaky', 3, 503);
    const prisonNumber = await releaseSupervisedBy('om-flaky');

    const requests = await expectEventually(() => {
      const received = at('/om-flaky');
      expect(received.map((r) => r.status)).toEqual([503, 503, 503, 204]);
      return received;
    });
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(parse(requests[3]!).subject).toBe(prisonNumber);
    // Nothing more comes: delivered means delivered once. Asked once the hub is quiet: the notice
    // read by every consumer and the organisation's deliveries settled, none waiting for a retry.
    await waitForHubToSettle(db);
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM notifier.delivery WHERE organisation_id = 'om-flaky' AND status = 'PENDING'`,
        ),
      ).toBe(0),
    );
    expect(at('/om-flaky')).toHaveLength(4);
  });

  it('keeps a notice failed after the whole schedule, shows every attempt, and a replay delivers it with the same id', async () => {
    await probation('om-down');
    sink.failNext('/om-down', 1000, 500);
    const downPerson = await releaseSupervisedBy('om-down');
    const { key } = subscriptions.get('om-down')!;
    const subscriber = new HubApiClient(hub.apiUrl, key);

    const failed = await expectEventually(async () => {
      const list = (await subscriber.get('/v1/deliveries?status=FAILED')).body as {
        deliveries: Array<{
          deliveryId: string;
          channel: string;
          attempts: Array<{ statusCode: number | null; latencyMs: number; error: string | null }>;
        }>;
      };
      const webhook = list.deliveries.filter((d) => d.channel === 'WEBHOOK');
      expect(webhook).toHaveLength(1);
      expect(webhook[0]!.attempts).toHaveLength(5);
      return webhook[0]!;
    });
    expect(failed.attempts.every((a) => a.statusCode === 500 && a.error === 'HTTP 500')).toBe(true);
    expect(at('/om-down')).toHaveLength(5);

    // It fell back to secure e-mail meanwhile: to the offender manager the release names (REL-08).
    await expectEventually(() => expect(sixWeeksMailedTo(NAMED_OM, downPerson)).toHaveLength(1));

    sink.failNext('/om-down', 0);
    const replay = await subscriber.post(`/v1/deliveries/${failed.deliveryId}/replay`, {});
    expect(replay.status).toBe(202);
    const delivered = await expectEventually(() => {
      const ok = sink.acceptedAt('/om-down');
      expect(ok).toHaveLength(1);
      return ok[0]!;
    });
    expect(delivered.headers['webhook-id']).toBe(failed.deliveryId);
    await expectEventually(async () => {
      const view = (await subscriber.get(`/v1/deliveries/${failed.deliveryId}`)).body as {
        status: string;
        replays: number;
        attempts: unknown[];
      };
      expect(view).toMatchObject({ status: 'DELIVERED', replays: 1 });
      expect(view.attempts).toHaveLength(6);
    });
  });

  it('does not let a slow subscriber (5 s a request) delay a fast one', async () => {
    await probation('om-slow');
    await probation('om-fast');
    sink.respondAfter('/om-slow', 5000);
    for (let i = 0; i < 6; i += 1) await releaseSupervisedBy('om-slow');
    // The slow notices reach the workers first: both of the endpoint's two slots held.
    await expectEventually(() => expect(sink.inFlight('/om-slow')).toBe(2), { timeoutMs: 30_000 });
    const postedAt = Date.now();
    await releaseSupervisedBy('om-fast');

    const fast = await expectEventually(() => {
      const received = sink.acceptedAt('/om-fast');
      expect(received).toHaveLength(1);
      return received[0]!;
    });
    expect(fast.receivedAt - postedAt).toBeLessThan(2500);
    // The slow endpoint still gets everything, never more than two requests at a time: answers
    // come in pairs about five seconds apart.
    const slow = await expectEventually(
      () => {
        const received = sink.acceptedAt('/om-slow');
        expect(received).toHaveLength(6);
        return received.map((r) => r.receivedAt).sort((a, b) => a - b);
      },
      { timeoutMs: 40_000 },
    );
    for (let i = 2; i < slow.length; i += 1)
      expect(slow[i]! - slow[i - 2]!).toBeGreaterThanOrEqual(4500);
    sink.respondAfter('/om-slow', 0);
  }, 60_000);

  it('disables an endpoint failing continuously, tells its SPOC, and sends its waiting notices in order once enabled', async () => {
    await probation('om-broken');
    sink.failNext('/om-broken', 10_000, 502);
    const { id, key } = subscriptions.get('om-broken')!;
    const people: string[] = [];
    // Notices keep coming while the endpoint keeps failing: spaced over more than DISABLE_AFTER on
    // purpose (the pause is the scenario's clock, not a wait for the hub).
    for (let i = 0; i < 5; i += 1) {
      people.push(await releaseSupervisedBy('om-broken'));
      await new Promise((resolve) => setTimeout(resolve, 1200));
    }
    const disabledMail = await expectEventually(() => {
      const found = mail.to('spoc@om-broken.example').find((m) => m.subject.includes('disabled'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(disabledMail.text).toContain(`/v1/subscriptions/${id}/enable`);
    expect(disabledMail.text).not.toMatch(/[A-Z]\d{4}[A-Z]{2}/); // names no one
    const [endpoint] = await db.rows<{ status: string }>(
      'SELECT status FROM notifier.webhook_subscription WHERE id = $1',
      [id],
    );
    expect(endpoint).toEqual({ status: 'DISABLED' });
    // The subscriber sees it too, from the notifier's endpoint-disabled event.
    await expectEventually(async () => {
      const listed = (await new HubApiClient(hub.apiUrl, key).get('/v1/subscriptions')).body as {
        subscriptions: Array<{ id: string; status: string; disabledAt: string | null }>;
      };
      expect(listed.subscriptions.find((s) => s.id === id)).toMatchObject({ status: 'DISABLED' });
    });

    // A notice for a disabled endpoint waits; so do the ones that were retrying.
    people.push(await releaseSupervisedBy('om-broken'));
    const paused = await expectEventually(async () => {
      const rows = await db.rows<{ id: string; prison_number: string }>(
        `SELECT d.id, n.prison_number FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
          WHERE d.subscription_id = $1 AND d.status = 'PAUSED' ORDER BY d.created_at, d.id`,
        [id],
      );
      expect(rows.map((r) => r.prison_number)).toContain(people[people.length - 1]);
      return rows;
    });
    const before = at('/om-broken').length;

    sink.failNext('/om-broken', 0);
    const enabled = await new HubApiClient(hub.apiUrl, key).post(
      `/v1/subscriptions/${id}/enable`,
      {},
    );
    expect(enabled.status).toBe(202);
    expect(enabled.body).toMatchObject({ id, status: 'ACTIVE' });
    const arrived = await expectEventually(() => {
      const after = at('/om-broken').slice(before);
      expect(after.filter((r) => r.status === 204)).toHaveLength(paused.length);
      return after;
    });
    expect(arrived.map((r) => r.headers['webhook-id'])).toEqual(paused.map((p) => p.id));
    expect(arrived.map((r) => parse(r).subject)).toEqual(paused.map((p) => p.prison_number));
  }, 60_000);

  it('sends an organisation without a webhook its notices by secure e-mail: to the offender manager the release names, not only the SPOC (REL-08)', async () => {
    await probation('om-email-only', false);
    const prisonNumber = await releaseSupervisedBy('om-email-only');
    // The OM also gets the treatment summary (issue #6) by e-mail: this test follows the release notice.
    const [message] = await expectEventually(() => {
      const received = sixWeeksMailedTo(NAMED_OM, prisonNumber);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(sixWeeksMailedTo('spoc@om-email-only.example', prisonNumber)).toEqual([]);
    expect(message!.subject).toMatch(
      /^Throughcare Hub: release\.six-weeks notice \(ref msg_[0-9a-f]{32}\)$/,
    );
    expect(message!.subject).not.toContain(prisonNumber);
    expect(message!.text).toContain(`Person (prison number): ${prisonNumber}`);
    expect(message!.text).toContain(`releaseDate: ${releaseDate}`);
    expect(message!.text).toContain('Shared under: om-restricted-set-without-consent');
    expect(message!.text).not.toMatch(/METHADONE|doseMg/);
    const attached = JSON.parse(message!.attachments[0]!.content) as Notice;
    expect(attached).toMatchObject({
      type: 'throughcare.notice.release.six-weeks',
      subject: prisonNumber,
    });
    // The SMTP server has the message before the notifier commits the attempt: read the ledger
    // once it has.
    await expectEventually(async () => {
      const [delivery] = await db.rows<{ channel: string; status: string }>(
        `SELECT channel, status FROM notifier.delivery WHERE id = $1`,
        [attached.id],
      );
      expect(delivery).toEqual({ channel: 'EMAIL', status: 'DELIVERED' });
    });
  });

  it('signs with both the new and the old secret while a rotation overlaps', async () => {
    await probation('om-rotating');
    const { id, secret: oldSecret, key } = subscriptions.get('om-rotating')!;
    const rotated = await new HubApiClient(hub.apiUrl, key).post(
      `/v1/subscriptions/${id}/rotate-secret`,
      {},
    );
    expect(rotated.status).toBe(201);
    const newSecret = (rotated.body as { secret: string }).secret;
    expect(newSecret).not.toBe(oldSecret);
    await expectEventually(async () =>
      expect(
        await db.count(
          'SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1 AND previous_encrypted_secret IS NOT NULL',
          [id],
        ),
      ).toBe(1),
    );
    await releaseSupervisedBy('om-rotating');
    const [notice] = await expectEventually(() => {
      const received = sink.acceptedAt('/om-rotating');
      expect(received).toHaveLength(1);
      return received;
    });
    const headers = {
      'webhook-id': notice!.headers['webhook-id'] as string,
      'webhook-timestamp': notice!.headers['webhook-timestamp'] as string,
      'webhook-signature': notice!.headers['webhook-signature'] as string,
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [newSecret, oldSecret])
      expect(() => new Webhook(secret).verify(notice!.body, headers)).not.toThrow();
    const tampered = notice!.body.replace('"specversion":"1.0"', '"specversion":"1.1"');
    expect(() => new Webhook(newSecret).verify(tampered, headers)).toThrow();
  });
});
