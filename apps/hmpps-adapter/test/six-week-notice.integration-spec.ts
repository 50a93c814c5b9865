import { DateTime } from 'luxon';

import { Topics } from '@throughcare/contracts';
import {
  HubApiClient,
  TestDatabase,
  TopicWriter,
  WebhookSink,
  expectEventually,
  startHub,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
  type RunningHub,
} from '@throughcare/testing';

import { PrisonerSearchStandIn } from './support/prisoner-search-stand-in';
import { SnsStandIn } from './support/sns-stand-in';
import { migrateAdapter, startAdapter } from './support/start-adapter';

const TOPIC_ARN = 'arn:aws:sns:eu-west-2:123456789012:hmpps-domain-events';
const HMPPS_TOPIC = `hmpps.domain-events.e2e${process.env['KAFKA_GROUP_SUFFIX'] ?? ''}`;

// 20 days ahead: the six-week milestone has passed, so the notice goes at once (short notice).
const londonDate = (days: number) =>
  DateTime.now().setZone('Europe/London').plus({ days }).toISODate() as string;

// The whole hub (four processes) with the adapter in this process: the release-date flow end to
// end, from an SNS admission through Prisoner Search to a notice at a webhook sink.
describe('an HMPPS admission becomes a six-week notice with no one typing a date (issue 17)', () => {
  let hub: RunningHub;
  let adapter: Awaited<ReturnType<typeof startAdapter>>;
  let sns: SnsStandIn;
  let search: PrisonerSearchStandIn;
  let sink: WebhookSink;
  let db: TestDatabase;
  let bridge: TopicWriter;
  let admin: HubApiClient;

  const postSns = async (message: object) =>
    fetch(`${adapter.baseUrl}/hmpps/sns`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8' },
      body: JSON.stringify(message),
    });

  beforeAll(async () => {
    await migrateAdapter();
    db = new TestDatabase();
    sink = await new WebhookSink().start();
    hub = await startHub({ ...process.env }, 3250, `${process.env['TEST_LOG_DIR']}/e2e-hmpps`);
    await waitForConsumersToCatchUp(
      [Topics.Reception, Topics.Transfer, Topics.Release, Topics.CourtRelease].map((topic) => ({
        groupId: `throughcare-api${process.env['KAFKA_GROUP_SUFFIX'] ?? ''}`,
        topic,
      })),
    );
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await admin.registerOrganisation({
      organisationId: 'hmpps-events-e2e',
      type: 'PRISON',
      name: 'HMPPS domain events adapter',
      establishments: ['LEI'],
      spoc: { name: 'Healthcare SPOC', email: 'spoc@hmpps-events-e2e.example' },
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId: 'hmpps-events-e2e',
      role: 'prison',
      establishments: ['LEI'],
    });
    expect(issued.status).toBe(201);
    await admin.registerOrganisation({
      organisationId: 'leeds-cjit-hmpps',
      type: 'CJIT',
      name: 'Leeds CJIT',
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty officer', email: 'duty@leeds-cjit-hmpps.example' },
    });
    const { id } = await admin.subscribe('leeds-cjit-hmpps', sink.url('/cjit'), [
      'throughcare.notice.release.*',
    ]);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
      ).toBe(1),
    );
    sns = await new SnsStandIn(TOPIC_ARN).start();
    search = await new PrisonerSearchStandIn().start();
    adapter = await startAdapter(3260, {
      HUB_API_URL: hub.apiUrl,
      HUB_API_KEY: (issued.body as { key: string }).key,
      HMPPS_SNS_TOPIC_ARNS: TOPIC_ARN,
      HMPPS_SNS_CERT_HOST_PATTERN: '^127\\.0\\.0\\.1$',
      HMPPS_SNS_CERT_CA_FILE: sns.certificateFile,
      HMPPS_KAFKA_TOPIC: HMPPS_TOPIC,
      PRISONER_SEARCH_URL: search.baseUrl,
      HMPPS_AUTH_TOKEN_URL: search.tokenUrl,
      HMPPS_AUTH_CLIENT_ID: search.clientId,
      HMPPS_AUTH_CLIENT_SECRET: search.clientSecret,
      HMPPS_RELEASE_AREAS: 'LEI:E08000035',
    });
    bridge = await new TopicWriter().start();
  }, 240_000);

  afterAll(async () => {
    await bridge?.stop();
    await adapter?.app.close();
    await hub?.stop();
    await search?.stop();
    await sns?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('delivers one six-week notice to the area CJIT for the date Prisoner Search holds, however often the change arrives', async () => {
    const prisonNumber = uniquePrisonNumber();
    const releaseDate = londonDate(20);
    const hmppsEvent = (eventType: string, information: object) =>
      JSON.stringify({
        eventType,
        version: 1,
        occurredAt: new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00'),
        additionalInformation: { nomsNumber: prisonNumber, ...information },
        personReference: { identifiers: [{ type: 'NOMS', value: prisonNumber }] },
      });
    search.prisoners.set(prisonNumber, {
      prisonerNumber: prisonNumber,
      prisonId: 'LEI',
      legalStatus: 'SENTENCED',
    });
    const admission = sns.notification(
      hmppsEvent('prison-offender-events.prisoner.received', {
        prisonId: 'LEI',
        reason: 'ADMISSION',
      }),
    );
    expect(await (await postSns(admission)).json()).toEqual({
      outcome: 'reception accepted; release dates: none yet',
    });
    // The person consents to share with the CJIT (nothing goes to the community before).
    const consent = await admin.put(`/v1/people/${prisonNumber}/consent`, {
      communityTreatment: true,
      cjit: true,
      probation: true,
      ndtms: false,
      releasePlanSigned: true,
      recordedBy: 'Healthcare',
      recordedAt: new Date(Date.now() - 30_000).toISOString(),
    });
    expect(consent.status).toBeLessThan(300);
    // The sentence is calculated: Prisoner Search now holds a release date.
    search.prisoners.set(prisonNumber, {
      prisonerNumber: prisonNumber,
      prisonId: 'LEI',
      legalStatus: 'SENTENCED',
      releaseDate,
      conditionalReleaseDate: releaseDate,
      licenceExpiryDate: londonDate(200),
    });
    const datesChanged = sns.notification(
      hmppsEvent('prison-offender-events.prisoner.sentence-dates-changed', { bookingId: '1' }),
    );

    expect((await postSns(datesChanged)).status).toBe(200);
    // SNS redelivers, and a bridge forwards the same message onto Kafka.
    expect((await postSns(datesChanged)).status).toBe(200);
    await bridge.publishRaw(HMPPS_TOPIC, prisonNumber, JSON.stringify(datesChanged));

    const notices = await expectEventually(
      () => {
        const received = sink
          .acceptedAt('/cjit')
          .filter((notice) => notice.body.includes(prisonNumber));
        expect(received).toHaveLength(1);
        return received;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(JSON.parse(notices[0]!.body)).toMatchObject({
      type: 'throughcare.notice.release.six-weeks',
      subject: prisonNumber,
      data: { releaseDate, establishment: 'LEI', shortNotice: true },
    });
    // The Kafka copy was seen and skipped; the hub holds one reception and one release.
    await expectEventually(async () => {
      const metrics = await (await fetch(`${adapter.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(
        /throughcare_hmpps_duplicate_deliveries_total\{source="kafka"[^}]*\} 1/,
      );
    });
    expect(
      await db.count('SELECT count(*) FROM api.intake_event WHERE prison_number = $1', [
        prisonNumber,
      ]),
    ).toBe(2);
    expect(
      sink.acceptedAt('/cjit').filter((notice) => notice.body.includes(prisonNumber)),
    ).toHaveLength(1);
  }, 180_000);

  it('a flap is a provisional discharged notice and its release.retracted; the real release, confirmed, one discharged notice; duplicates and a late older movement nothing (acceptance 3, HMPPS-10)', async () => {
    const prisonNumber = uniquePrisonNumber();
    const releaseDate = londonDate(20);
    const minutesAgo = (minutes: number) =>
      new Date(Date.now() - minutes * 60_000).toISOString().replace('Z', '+00:00');
    const hmpps = (eventType: string, occurredAt: string, information: object) =>
      sns.notification(
        JSON.stringify({
          eventType,
          version: 1,
          occurredAt,
          additionalInformation: { nomsNumber: prisonNumber, prisonId: 'LEI', ...information },
          personReference: { identifiers: [{ type: 'NOMS', value: prisonNumber }] },
        }),
      );
    const atSink = () =>
      sink
        .acceptedAt('/cjit')
        .filter((notice) => notice.body.includes(prisonNumber))
        .map((notice) => (JSON.parse(notice.body) as { type: string }).type);
    // Admitted, consenting, then a release date 20 days out: the six-week notice goes.
    search.prisoners.set(prisonNumber, {
      prisonerNumber: prisonNumber,
      prisonId: 'LEI',
      legalStatus: 'SENTENCED',
    });
    const admission = hmpps('prison-offender-events.prisoner.received', minutesAgo(20), {
      reason: 'ADMISSION',
    });
    expect((await postSns(admission)).status).toBe(200);
    const consent = await admin.put(`/v1/people/${prisonNumber}/consent`, {
      communityTreatment: true,
      cjit: true,
      probation: true,
      ndtms: false,
      releasePlanSigned: true,
      recordedBy: 'Healthcare',
      recordedAt: minutesAgo(19),
    });
    expect(consent.status).toBeLessThan(300);
    search.prisoners.set(prisonNumber, {
      prisonerNumber: prisonNumber,
      prisonId: 'LEI',
      legalStatus: 'SENTENCED',
      releaseDate,
      conditionalReleaseDate: releaseDate,
    });
    const datesChanged = hmpps(
      'prison-offender-events.prisoner.sentence-dates-changed',
      minutesAgo(18),
      { bookingId: '2' },
    );
    expect((await postSns(datesChanged)).status).toBe(200);
    await expectEventually(
      () => expect(atSink()).toEqual(['throughcare.notice.release.six-weeks']),
      {
        timeoutMs: 90_000,
        intervalMs: 500,
      },
    );

    const atSinkBodies = () =>
      sink
        .acceptedAt('/cjit')
        .filter((notice) => notice.body.includes(prisonNumber))
        .map(
          (notice) => JSON.parse(notice.body) as { type: string; data: Record<string, unknown> },
        );
    const outcomeOf = async (message: object) =>
      ((await (await postSns(message)).json()) as { outcome: string }).outcome;

    // A flap on the immediate stream: released, the same release again, received back minutes
    // later (the delayed stream suppresses the reversed movement and never reports it). The
    // release is told at once, marked provisional, and taken back to the same recipient (HMPPS-10).
    expect(
      await outcomeOf(
        hmpps('prisoner-offender-search.prisoner.released', minutesAgo(15), { reason: 'RELEASED' }),
      ),
    ).toBe('provisional discharge accepted');
    expect(
      await outcomeOf(
        hmpps('prisoner-offender-search.prisoner.released', minutesAgo(14.5), {
          reason: 'RELEASED',
        }),
      ),
    ).toBe('release already provisional: nothing posted');
    // Minutes pass before the person is seen back: the discharged notice has gone by then.
    await expectEventually(
      () =>
        expect(atSink()).toEqual([
          'throughcare.notice.release.six-weeks',
          'throughcare.notice.release.discharged',
        ]),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(
      await outcomeOf(
        hmpps('prisoner-offender-search.prisoner.received', minutesAgo(14), {
          reason: 'ADMISSION',
        }),
      ),
    ).toBe('release retracted accepted');
    await expectEventually(
      () =>
        expect(atSink()).toEqual([
          'throughcare.notice.release.six-weeks',
          'throughcare.notice.release.discharged',
          'throughcare.notice.release.retracted',
        ]),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const [, provisional, retracted] = atSinkBodies();
    expect(provisional?.data).toMatchObject({ provisional: true });
    expect(retracted).toMatchObject({ subject: prisonNumber });
    // The release stands again: its milestones not yet sent (two days, the day) are armed again.
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM planner.milestone WHERE prison_number = $1 AND status = 'PENDING'`,
          [prisonNumber],
        ),
      ).toBe(2),
    );

    // The real release: first on the immediate stream (told at once, provisional), then the
    // delayed stream's copy, which SNS delivers twice and a bridge once more: it confirms the
    // release and posts nothing.
    const kafkaDuplicates = async () => {
      const metrics = await (await fetch(`${adapter.baseUrl}/metrics`)).text();
      const found =
        /throughcare_hmpps_duplicate_deliveries_total\{source="kafka"[^}]*\} (\d+)/.exec(metrics);
      return Number(found?.[1] ?? 0);
    };
    const duplicatesBefore = await kafkaDuplicates();
    expect(
      await outcomeOf(
        hmpps('prisoner-offender-search.prisoner.released', minutesAgo(6), { reason: 'RELEASED' }),
      ),
    ).toBe('provisional discharge accepted');
    const released = hmpps('prison-offender-events.prisoner.released', minutesAgo(5), {
      reason: 'RELEASED',
    });
    expect(await outcomeOf(released)).toBe(
      'provisional release confirmed by the delayed stream: nothing posted',
    );
    expect((await postSns(released)).status).toBe(200);
    await bridge.publishRaw(HMPPS_TOPIC, prisonNumber, JSON.stringify(released));
    // Out of order: an older reception sent again under a new message id arrives after the
    // release; the hub refuses it (409).
    expect(
      await outcomeOf(
        hmpps('prison-offender-events.prisoner.received', minutesAgo(10), { reason: 'ADMISSION' }),
      ),
    ).toMatch(/^reception refused 409/);

    const expected = [
      'throughcare.notice.release.six-weeks',
      'throughcare.notice.release.discharged',
      'throughcare.notice.release.retracted',
      'throughcare.notice.release.discharged',
    ];
    await expectEventually(() => expect(atSink()).toEqual(expected), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    // The Kafka copy was skipped; the hub holds one discharge per release and one retraction.
    await expectEventually(async () => expect(await kafkaDuplicates()).toBe(duplicatesBefore + 1));
    expect(
      await db.rows(
        `SELECT type, count(*)::int AS n FROM api.intake_event
          WHERE prison_number = $1 AND type LIKE 'throughcare.release.%' GROUP BY type ORDER BY type`,
        [prisonNumber],
      ),
    ).toEqual([
      { type: 'throughcare.release.discharged', n: 2 },
      { type: 'throughcare.release.planned', n: 1 },
      { type: 'throughcare.release.retracted', n: 1 },
    ]);
    // Settled: nothing is left to send the subscriber about the person (no second notice for the
    // release, no milestone of the release that happened). Only this test's organisation:
    // earlier suites of the run share the database and broker, and their organisations for the
    // same area (endpoints long stopped) get the person's notices too.
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
            WHERE n.prison_number = $1 AND d.organisation_id = 'leeds-cjit-hmpps'
              AND d.status IN ('PENDING', 'PAUSED')`,
          [prisonNumber],
        ),
      ).toBe(0),
    );
    expect(
      await db.count(
        `SELECT count(*) FROM planner.milestone WHERE prison_number = $1 AND status = 'PENDING'`,
        [prisonNumber],
      ),
    ).toBe(0);
    expect(atSink()).toEqual(expected);
  }, 180_000);
});
