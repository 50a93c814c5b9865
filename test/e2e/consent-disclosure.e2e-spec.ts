import { DateTime } from 'luxon';

import { createClock } from '@throughcare/clock';
import {
  HubApiClient,
  TestDatabase,
  WebhookSink,
  buildCourtRelease,
  buildReception,
  buildReleaseEvent,
  expectEventually,
  recordConsentAndWait,
  registerRecipient,
  startHub,
  uniquePrisonNumber,
  type ReceivedWebhook,
  type RunningHub,
  type WebhookRecipient,
} from '@throughcare/testing';

/*
 * Consent-aware disclosure on the real stack: HTTP in, Kafka between the four services,
 * PostgreSQL and Redis underneath, signed webhooks out to a local sink. The hub runs on a
 * simulated clock (20,000x from a January with no bank holidays), so the weeks between a
 * six-week and a two-day notice pass in seconds.
 */

const AREA = 'E08000036'; // Wakefield: only this suite registers organisations for it
const UNCOVERED_AREA = 'E06000047'; // County Durham: no one registered
const PRISON = 'WDI';
const SPEED = 20_000;
const CLOCK_START = '2027-01-11T08:00:00Z';
const RETRY_EVERY = '1500ms';

interface Notice {
  type: string;
  subject?: string;
  data: Record<string, unknown> & { disclosure: { rule: string; consentVersion: number | null } };
}

function parse(request: ReceivedWebhook): Notice {
  return JSON.parse(request.body) as Notice;
}

function noticesAt(sink: WebhookSink, path: string, prisonNumber?: string): Notice[] {
  return sink
    .acceptedAt(path)
    .map(parse)
    .filter((n) => prisonNumber === undefined || n.subject === prisonNumber);
}

describe('consent-aware disclosure, end to end', () => {
  const anchor = new Date();
  const clock = createClock({
    simulatedStart: new Date(CLOCK_START),
    simulatedSpeed: SPEED,
    simulatedAnchor: anchor,
  });
  let hub: RunningHub;
  let api: HubApiClient;
  let sink: WebhookSink;
  let db: TestDatabase;

  function register(
    organisationId: string,
    type: WebhookRecipient['type'],
    coverage: WebhookRecipient['coverage'],
    path: string,
  ): Promise<string> {
    return registerRecipient(api, db, {
      organisationId,
      type,
      coverage,
      url: sink.url(path),
      types: ['throughcare.notice.release.*', 'throughcare.notice.consent.withdrawn'],
    });
  }

  /** Records consent in the API and waits until the notifier has applied that version. */
  function recordConsent(prisonNumber: string, granted: Record<string, boolean>): Promise<number> {
    return recordConsentAndWait(api, db, prisonNumber, granted, clock.now());
  }

  async function receive(prisonNumber: string): Promise<void> {
    const reception = buildReception({
      prisonNumber,
      establishment: PRISON,
      receivedAt: clock.now().toISOString(),
      cjitCaseload: undefined,
    });
    expect((await api.post('/v1/events/reception', reception)).status).toBe(202);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.person WHERE prison_number = $1', [prisonNumber]),
      ).toBe(1),
    );
  }

  /**
   * A release date far enough ahead on the simulated clock for a window between the six-week
   * notice (already past: sent at once) and the two-day notice, whose day is a Monday to Thursday
   * so that no weekend pulls it earlier.
   */
  function releaseDateWithTwoDayWindow(): string {
    let date = DateTime.fromJSDate(clock.now(), { zone: 'Europe/London' }).plus({ days: 7 });
    while (date.minus({ days: 2 }).weekday > 4) date = date.plus({ days: 1 });
    return date.toISODate() as string;
  }

  function release(prisonNumber: string, releaseDate: string, area = AREA) {
    return buildReleaseEvent({
      prisonNumber,
      establishment: PRISON,
      releaseDate,
      releaseArea: { localAuthorityCode: area },
      supervision: {
        onLicence: true,
        offenderManager: {
          name: 'Sam Patel',
          email: 'sam.patel@probation.example',
          organisationId: 'wakefield-probation',
        },
      },
    });
  }

  async function decisionsFor(prisonNumber: string) {
    return db.rows<{
      notice_type: string;
      organisation_id: string | null;
      decision: string;
      rule: string;
      consent_version: number | null;
      fields: string[];
    }>(
      `SELECT notice_type, organisation_id, decision, rule, consent_version, fields
         FROM notifier.disclosure_decision WHERE prison_number = $1 ORDER BY id`,
      [prisonNumber],
    );
  }

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    hub = await startHub(
      {
        ...process.env,
        HUB_CLOCK_START: CLOCK_START,
        HUB_CLOCK_SPEED: String(SPEED),
        HUB_CLOCK_ANCHOR: anchor.toISOString(),
        WEBHOOK_RETRY_SCHEDULE: Array(8).fill(RETRY_EVERY).join(','),
      },
      3300,
      `${process.env['TEST_LOG_DIR']}/e2e-consent`,
    );
    api = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await register('wakefield-cjit', 'CJIT', { localAuthorityCodes: [AREA] }, '/cjit');
    await register('wakefield-cp', 'COMMUNITY_PROVIDER', { localAuthorityCodes: [AREA] }, '/cp');
    await register('wakefield-probation', 'PROBATION', { localAuthorityCodes: [AREA] }, '/om');
    await register('hmp-wakefield', 'PRISON', { establishments: [PRISON] }, '/prison');
  });

  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('consent withdrawn between the six-week and two-day notices changes what the two-day notice carries, and the audit shows both', async () => {
    const prisonNumber = uniquePrisonNumber();
    await receive(prisonNumber);
    const v1 = await recordConsent(prisonNumber, {
      communityTreatment: true,
      cjit: true,
      probation: true,
      releasePlanSigned: true,
    });
    expect(
      (await api.post('/v1/events/release', release(prisonNumber, releaseDateWithTwoDayWindow())))
        .status,
    ).toBe(202);

    // Six weeks (already past: at once): everyone consented and the plan is signed.
    const sixWeeks = await expectEventually(() => {
      const byPath = ['/cjit', '/cp', '/om'].map(
        (path) =>
          noticesAt(sink, path, prisonNumber).find(
            (n) => n.type === 'throughcare.notice.release.six-weeks',
          ) as Notice,
      );
      expect(byPath.every(Boolean)).toBe(true);
      return byPath;
    });
    const [cjitSixWeeks, cpSixWeeks, omSixWeeks] = sixWeeks as [Notice, Notice, Notice];
    expect(cjitSixWeeks.data).toMatchObject({
      ostMedicine: 'METHADONE',
      doseMg: 60,
      releaseArea: AREA,
      prisonSpoc: expect.objectContaining({ organisationId: 'hmp-wakefield' }),
      disclosure: { rule: 'community-consented-signed-plan', consentVersion: v1 },
    });
    expect(cpSixWeeks.data.disclosure.rule).toBe('community-consented-signed-plan');
    expect(omSixWeeks.data).toMatchObject({
      ostMedicine: 'METHADONE',
      disclosure: { rule: 'om-consented-signed-plan', consentVersion: v1 },
    });

    // The person withdraws consent for the CJIT and probation; the provider keeps it.
    const v2 = await recordConsent(prisonNumber, {
      communityTreatment: true,
      releasePlanSigned: true,
    });

    // Those who hold data and lost access are told, with the person's id only.
    for (const path of ['/cjit', '/om']) {
      const [withdrawn] = await expectEventually(() => {
        const found = noticesAt(sink, path, prisonNumber).filter(
          (n) => n.type === 'throughcare.notice.consent.withdrawn',
        );
        expect(found).toHaveLength(1);
        return found;
      });
      expect(Object.keys(withdrawn!.data).sort()).toEqual(['disclosure', 'withdrawnAt']);
    }
    expect(
      noticesAt(sink, '/cp', prisonNumber).filter(
        (n) => n.type === 'throughcare.notice.consent.withdrawn',
      ),
    ).toEqual([]);

    // Two days: the provider still gets it all, the OM the restricted set, the CJIT nothing.
    const [cpTwoDays, omTwoDays] = await expectEventually(
      () => {
        const found = ['/cp', '/om'].map(
          (path) =>
            noticesAt(sink, path, prisonNumber).find(
              (n) => n.type === 'throughcare.notice.release.two-days',
            ) as Notice,
        );
        expect(found.every(Boolean)).toBe(true);
        return found as [Notice, Notice];
      },
      { timeoutMs: 60_000 },
    );
    expect(cpTwoDays.data).toMatchObject({
      ostMedicine: 'METHADONE',
      disclosure: { rule: 'community-consented-signed-plan', consentVersion: v2 },
    });
    expect(omTwoDays.data.disclosure).toEqual({
      rule: 'om-restricted-set-without-consent',
      consentVersion: v2,
    });
    expect(JSON.stringify(omTwoDays.data)).not.toMatch(/METHADONE|doseMg|onOst|opiateHistory/);
    expect(noticesAt(sink, '/cjit', prisonNumber).map((n) => n.type)).not.toContain(
      'throughcare.notice.release.two-days',
    );

    // The audit, as the API shows it: the CJIT's six-week SEND under v1 and two-day WITHHOLD
    // under v2, in the admin export and on the person's timeline.
    const cjitAudit = await expectEventually(async () => {
      const exported = (await api.get(`/v1/people/${prisonNumber}/disclosures`)).body as {
        disclosures: Array<Record<string, unknown>>;
      };
      const cjit = exported.disclosures.filter(
        (d) =>
          d['organisationId'] === 'wakefield-cjit' &&
          /release\.(six-weeks|two-days)$/.test(d['noticeType'] as string),
      );
      expect(cjit).toEqual([
        expect.objectContaining({
          noticeType: 'throughcare.notice.release.six-weeks',
          decision: 'SEND',
          rule: 'community-consented-signed-plan',
          citation: 'DIS-04; DIS-06',
          consentVersion: v1,
          fields: expect.arrayContaining(['prisonNumber', 'ostMedicine', 'doseMg']),
        }),
        expect.objectContaining({
          noticeType: 'throughcare.notice.release.two-days',
          decision: 'WITHHOLD',
          rule: 'community-needs-consent',
          consentVersion: v2,
          fields: [],
        }),
      ]);
      return cjit;
    });
    const timeline = (await api.get(`/v1/people/${prisonNumber}/timeline`)).body as {
      entries: Array<{ kind: string; decisionId?: string; summary: string }>;
    };
    const onTimeline = timeline.entries.filter((e) => e.kind === 'disclosure');
    for (const decision of cjitAudit)
      expect(onTimeline.map((e) => e.decisionId)).toContain(decision['decisionId']);
    expect(timeline.entries.filter((e) => e.kind === 'consent').map((e) => e.summary)).toHaveLength(
      2,
    );
  }, 120_000);

  it('consent withdrawn while a notice is retrying: the CJIT retry is withheld, the OM retry carries only the restricted set', async () => {
    const prisonNumber = uniquePrisonNumber();
    await receive(prisonNumber);
    await recordConsent(prisonNumber, { cjit: true, probation: true, releasePlanSigned: true });
    sink.failNext('/cjit', 1000, 503);
    sink.failNext('/om', 1000, 503);
    expect(
      (await api.post('/v1/events/release', release(prisonNumber, releaseDateWithTwoDayWindow())))
        .status,
    ).toBe(202);

    // The first attempts carried the consented notice and failed.
    const failedFirst = await expectEventually(() => {
      const attempts = ['/cjit', '/om'].map((path) =>
        sink.requestsTo(path).filter((r) => parse(r).subject === prisonNumber),
      );
      expect(attempts.every((a) => a.length >= 1)).toBe(true);
      return attempts.map((a) => a[0]!);
    });
    expect(parse(failedFirst[0]!).data).toMatchObject({ ostMedicine: 'METHADONE' });
    const webhookIds = failedFirst.map((r) => r.headers['webhook-id']);

    await recordConsent(prisonNumber, { releasePlanSigned: true });
    const withdrawnAt = Date.now();
    sink.failNext('/cjit', 0);
    sink.failNext('/om', 0);

    // The OM's retry succeeds with the same webhook-id and nothing clinical.
    const omDelivered = await expectEventually(() => {
      const delivered = sink
        .acceptedAt('/om')
        .filter((r) => r.headers['webhook-id'] === webhookIds[1]);
      expect(delivered).toHaveLength(1);
      return delivered[0]!;
    });
    const omNotice = parse(omDelivered);
    expect(omNotice.type).toBe('throughcare.notice.release.six-weeks');
    expect(omNotice.data.disclosure.rule).toBe('om-restricted-set-without-consent');
    expect(omDelivered.body).not.toMatch(/METHADONE|doseMg|onOst|opiateHistory/);

    // The CJIT's delivery is withheld: after the withdrawal nothing of the notice reaches it;
    // it gets the consent.withdrawn notice instead, because the failed attempts may have landed.
    await expectEventually(() =>
      expect(noticesAt(sink, '/cjit', prisonNumber).map((n) => n.type)).toContain(
        'throughcare.notice.consent.withdrawn',
      ),
    );
    const cjitAfter = sink
      .requestsTo('/cjit')
      .filter((r) => r.receivedAt > withdrawnAt && parse(r).subject === prisonNumber);
    expect(cjitAfter.map((r) => parse(r).type)).toEqual(['throughcare.notice.consent.withdrawn']);
    expect(cjitAfter.every((r) => r.headers['webhook-id'] !== webhookIds[0])).toBe(true);
    const [cjitDelivery] = await db.rows<{ status: string }>(
      'SELECT status FROM notifier.delivery WHERE id = $1',
      [webhookIds[0]],
    );
    expect(cjitDelivery).toEqual({ status: 'WITHHELD' });
  }, 120_000);

  it('raises a "no recipient" alert to the releasing prison for an area no one covers, and audits the gap', async () => {
    const prisonNumber = uniquePrisonNumber();
    await receive(prisonNumber);
    const planned = release(prisonNumber, releaseDateWithTwoDayWindow(), UNCOVERED_AREA);
    expect((await api.post('/v1/events/release', planned)).status).toBe(202);

    const [alert] = await expectEventually(() => {
      const found = noticesAt(sink, '/prison', prisonNumber);
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found;
    });
    expect(alert).toMatchObject({
      type: 'throughcare.notice.release.no-recipient',
      subject: prisonNumber,
      data: {
        releaseArea: UNCOVERED_AREA,
        milestone: 'SIX_WEEKS',
        disclosure: { rule: 'no-recipient-alert-to-releasing-prison', consentVersion: null },
      },
    });
    expect(JSON.stringify(alert!.data)).not.toMatch(/METHADONE|doseMg|onOst/);
    const gaps = (await decisionsFor(prisonNumber)).filter((d) => d.decision === 'UNROUTED');
    expect(gaps).toContainEqual(
      expect.objectContaining({
        rule: 'no-community-organisation-for-area',
        organisation_id: null,
      }),
    );
  }, 60_000);

  it('an unplanned release with no signed plan sends the area CJIT a non-identifying alert and the provider nothing', async () => {
    const prisonNumber = uniquePrisonNumber();
    await receive(prisonNumber);
    await recordConsent(prisonNumber, { cjit: true, communityTreatment: true });
    // The reception (on methadone) reached the notifier's copy of the continuity record.
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM notifier.person_continuity WHERE prison_number = $1', [
          prisonNumber,
        ]),
      ).toBe(1),
    );
    const courtRelease = buildCourtRelease({
      prisonNumber,
      holdingEstablishment: PRISON,
      releasedAt: clock.now().toISOString(),
      releaseArea: { localAuthorityCode: AREA },
    });
    const before = sink.received.length;
    expect((await api.post('/v1/events/court-release', courtRelease)).status).toBe(202);

    const alert = await expectEventually(() => {
      const found = sink
        .acceptedAt('/cjit')
        .slice()
        .map(parse)
        .find((n) => n.type === 'throughcare.notice.release.unplanned-alert');
      expect(found).toBeDefined();
      return found as Notice;
    });
    expect(alert.subject).toBeUndefined();
    expect(Object.keys(alert.data).sort()).toEqual(
      [
        'disclosure',
        'holdingEstablishment',
        'prisonSpoc',
        'releaseArea',
        'urgentContinuityNeed',
      ].sort(),
    );
    expect(alert.data).toMatchObject({
      holdingEstablishment: PRISON,
      releaseArea: AREA,
      // No release was ever planned, but the reception said methadone: the need is known (DIS-10).
      urgentContinuityNeed: true,
      prisonSpoc: expect.objectContaining({
        organisationId: 'hmp-wakefield',
        phone: '0113 000 0000',
      }),
      disclosure: { rule: 'unplanned-release-non-identifying-alert' },
    });
    expect(JSON.stringify(alert)).not.toContain(prisonNumber);
    await expectEventually(async () => {
      const provider = (await decisionsFor(prisonNumber)).filter(
        (d) => d.organisation_id === 'wakefield-cp',
      );
      expect(provider).toEqual([
        expect.objectContaining({
          decision: 'WITHHOLD',
          rule: 'community-needs-signed-release-plan',
        }),
      ]);
    });
    expect(sink.received.slice(before).filter((r) => r.path === '/cp')).toEqual([]);
  }, 60_000);
});
