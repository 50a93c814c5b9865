import { Kafka, logLevel } from 'kafkajs';
import { DateTime } from 'luxon';
import { Webhook } from 'standardwebhooks';

import { IntakeEventType, Topics, buildCloudEvent } from '@throughcare/contracts';
import {
  HubApiClient,
  TestDatabase,
  WebhookSink,
  buildReleaseEvent,
  expectEventually,
  startHub,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
  type RunningHub,
} from '@throughcare/testing';

// A release 20 days from today: the six-week milestone has passed, so it goes out at once
// (short notice) and the test need not wait weeks.
const releaseDate = DateTime.now()
  .setZone('Europe/London')
  .plus({ days: 20 })
  .toISODate() as string;

describe('a release travels from HTTP to a signed webhook', () => {
  let hub: RunningHub;
  let api: HubApiClient;
  let sink: WebhookSink;
  let db: TestDatabase;
  const secrets = new Map<string, string>();

  async function registerProbation(organisationId: string, path: string): Promise<void> {
    await api.registerOrganisation({
      organisationId,
      type: 'PROBATION',
      name: `Probation ${organisationId}`,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty officer', email: `duty@${organisationId}.example` },
    });
    const { secret, id } = await api.subscribe(organisationId, sink.url(path), [
      'throughcare.notice.release.*',
    ]);
    secrets.set(path, secret);
    // The notifier learns of subscriptions from the directory topic; wait until it has this one.
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
      ).toBe(1),
    );
  }

  function releaseFor(organisationId: string) {
    const release = buildReleaseEvent({ prisonNumber: uniquePrisonNumber(), releaseDate });
    release.supervision.offenderManager = {
      name: 'Sam Patel',
      email: 'sam.patel@probation.example',
      organisationId,
    };
    return release;
  }

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    // The api's read models run in a process of their own here (API_CONSUMES_EVENTS): every
    // timeline and ledger read below goes through an HTTP-only api (issue 13).
    hub = await startHub({ ...process.env }, 3200, `${process.env['TEST_LOG_DIR']}/e2e-release`, {
      apiEventsApart: true,
    });
    api = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await registerProbation('probation-signed', '/om-signed');
    await registerProbation('probation-flaky', '/om-flaky');
    await registerProbation('probation-dedupe', '/om-dedupe');
  });

  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('delivers the notice with a Standard Webhooks signature that the reference library verifies', async () => {
    const release = releaseFor('probation-signed');
    const accepted = await api.post('/v1/events/release', release);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      eventId: release.eventId,
      status: 'accepted',
      timeline: `/v1/people/${release.prisonNumber}/timeline`,
    });

    const [notice] = await expectEventually(() => {
      const received = sink.acceptedAt('/om-signed');
      expect(received).toHaveLength(1);
      return received;
    });
    const payload = new Webhook(secrets.get('/om-signed') as string).verify(notice!.body, {
      'webhook-id': notice!.headers['webhook-id'] as string,
      'webhook-timestamp': notice!.headers['webhook-timestamp'] as string,
      'webhook-signature': notice!.headers['webhook-signature'] as string,
    }) as Record<string, unknown>;
    expect(payload).toMatchObject({
      specversion: '1.0',
      id: notice!.headers['webhook-id'],
      type: 'throughcare.notice.release.six-weeks',
      subject: release.prisonNumber,
      data: {
        releaseDate,
        establishment: 'LEI',
        shortNotice: true,
        disclosure: { rule: 'om-restricted-set-without-consent' },
      },
    });
    // Sent late because planned at short notice: `time` says when it went, not a past due date.
    expect(Date.parse(payload['time'] as string)).toBeGreaterThan(Date.now() - 60_000);
    // Without consent the OM never sees medication or clinical detail (docs/hub-interface.md §4).
    expect(notice!.body).not.toMatch(/METHADONE|doseMg|clinical|onOst/);
    expect(() =>
      new Webhook(secrets.get('/om-signed') as string).verify(
        notice!.body.replace('LEI', 'LEJ'),
        notice!.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it('retries a failing endpoint and delivers on the third attempt with the same webhook-id', async () => {
    sink.failNext('/om-flaky', 2, 503);
    const release = releaseFor('probation-flaky');
    expect((await api.post('/v1/events/release', release)).status).toBe(202);

    const attempts = await expectEventually(() => {
      const received = sink.requestsTo('/om-flaky');
      expect(received.map((r) => r.status)).toEqual([503, 503, 204]);
      return received;
    });
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    // The sink answers before the notifier commits the attempt: read the ledger once it has.
    await expectEventually(async () => {
      const rows = await db.rows<{ status: string; attempts: number }>(
        `SELECT d.status, d.attempts FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
         WHERE n.prison_number = $1 AND d.organisation_id = 'probation-flaky'
           AND n.type = 'throughcare.notice.release.six-weeks'`,
        [release.prisonNumber],
      );
      expect(rows).toEqual([{ status: 'DELIVERED', attempts: 3 }]);
    });
    const metrics = await (
      await fetch(`http://127.0.0.1:${hub.services.get('notifier')!.port}/metrics`)
    ).text();
    expect(metrics).toMatch(
      /throughcare_delivery_attempts_total\{outcome="PENDING",channel="WEBHOOK",service="notifier"\} (?:[2-9]|[1-9]\d+)\n/,
    );
  });

  it('keeps the HTTP-only api out of the consumer group: one api member, the read-model process', async () => {
    const kafka = new Kafka({
      brokers: [process.env['KAFKA_BROKERS'] as string],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groupId = `throughcare-api${process.env['KAFKA_GROUP_SUFFIX'] ?? ''}`;
      const { groups } = await admin.describeGroups([groupId]);
      expect(groups[0]?.members).toHaveLength(1);
      expect(hub.instances.filter((s) => s.name === 'api')).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });

  it('gives every service liveness, readiness over its three dependencies, and Prometheus metrics', async () => {
    for (const service of hub.services.values()) {
      const base = `http://127.0.0.1:${service.port}`;
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect(await (await fetch(`${base}/health/ready`)).json()).toEqual({
        status: 'up',
        checks: { postgres: 'up', redis: 'up', kafka: 'up' },
      });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        `process_resident_memory_bytes{service="${service.name}"}`,
      );
    }
  });

  it('processes the same eventId once, whether posted twice or published twice', async () => {
    const release = releaseFor('probation-dedupe');
    const first = await api.post('/v1/events/release', release);
    const second = await api.post('/v1/events/release', release);
    expect(second).toEqual(first);

    // A prison system publishing the same CloudEvent twice straight onto the topic.
    const direct = releaseFor('probation-dedupe');
    const kafka = new Kafka({
      clientId: 'e2e-direct',
      brokers: [process.env['KAFKA_BROKERS'] as string],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const event = JSON.stringify(
      buildCloudEvent({
        id: direct.eventId,
        type: IntakeEventType.ReleasePlanned,
        subject: direct.prisonNumber,
        time: new Date(),
        data: direct,
        source: 'nomis-lei',
      }),
    );
    await producer.send({
      topic: Topics.Release,
      messages: [
        { key: direct.prisonNumber, value: event },
        { key: direct.prisonNumber, value: event },
      ],
    });
    await producer.disconnect();

    await expectEventually(() => expect(sink.acceptedAt('/om-dedupe')).toHaveLength(2));
    const suffix = process.env['KAFKA_GROUP_SUFFIX'];
    await waitForConsumersToCatchUp([
      { groupId: `throughcare-api${suffix}`, topic: Topics.Release },
      { groupId: `throughcare-planner${suffix}`, topic: Topics.IntakeAccepted },
      { groupId: `throughcare-notifier${suffix}`, topic: Topics.NoticeDue },
    ]);
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM notifier.delivery WHERE organisation_id = 'probation-dedupe' AND status = 'PENDING'`,
        ),
      ).toBe(0),
    );
    const subjects = sink
      .acceptedAt('/om-dedupe')
      .map((r) => (JSON.parse(r.body) as { subject: string }).subject)
      .sort();
    expect(subjects).toEqual([release.prisonNumber, direct.prisonNumber].sort());
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE event_id = $1', [
        release.eventId,
      ]),
    ).toBe(1);
  });
});
