import { DateTime } from 'luxon';

import {
  DEFAULT_MILESTONE_SETTINGS,
  bankHolidaySet,
  releaseMilestones,
} from '@throughcare/calendar';
import { createClock } from '@throughcare/clock';
import {
  HubApiClient,
  TestDatabase,
  WebhookSink,
  buildCourtRelease,
  buildDischarge,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  recordConsentAndWait,
  registerRecipient,
  startHub,
  uniquePrisonNumber,
  waitForHubToSettle,
  type ReceivedWebhook,
  type RunningHub,
  type WebhookRecipient,
} from '@throughcare/testing';

/*
 * Clinical continuity on the real stack (issue #6): DIR handoffs without duplicates, FP10
 * bridging requests, naloxone, treatment summaries and the release plan's essentials. HTTP in,
 * Kafka between the four services, PostgreSQL and Redis underneath, signed webhooks out to a
 * local sink. The hub runs on a simulated clock (20,000x: a simulated day in about 4 s) from a
 * May with a bank holiday Monday (31 May 2027), so Friday and pre-holiday releases happen.
 */

const AREA = 'E08000034'; // Kirklees: only this suite registers organisations for it
const HOLDING = 'HLI';
const RECEIVING = 'RSI';
const SPEED = 20_000;
const CLOCK_START = '2027-05-08T08:00:00Z';
const ZONE = 'Europe/London';
const BANK_HOLIDAYS = bankHolidaySet();

interface Notice {
  id: string;
  type: string;
  subject?: string;
  time: string;
  data: Record<string, unknown> & { disclosure: { rule: string; consentVersion: number | null } };
}

interface BridgingRequest {
  id: string;
  prisonNumber: string;
  status: string;
  releaseKind: string;
  urgent: boolean;
  fridayOrPreHoliday: boolean;
  releaseDate: string;
  openedAt: string;
  coverFrom: string;
  coverUntil: string;
}

function parse(request: ReceivedWebhook): Notice {
  return JSON.parse(request.body) as Notice;
}

describe('clinical continuity, end to end', () => {
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

  function noticesAt(path: string, prisonNumber: string, type?: string): Notice[] {
    return sink
      .acceptedAt(path)
      .map(parse)
      .filter((n) => n.subject === prisonNumber && (type === undefined || n.type === type));
  }

  /** Waits until exactly one notice of this type for this person has reached the path. */
  async function oneNotice(
    path: string,
    prisonNumber: string,
    type: string,
    timeoutMs = 60_000,
  ): Promise<Notice> {
    const [notice] = await expectEventually(
      () => {
        const found = noticesAt(path, prisonNumber, type);
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs },
    );
    return notice!;
  }

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
      types: ['throughcare.notice.*'],
    });
  }

  function recordConsent(prisonNumber: string, granted: Record<string, boolean>): Promise<number> {
    return recordConsentAndWait(api, db, prisonNumber, granted, clock.now());
  }

  const FULL_CONSENT = {
    communityTreatment: true,
    cjit: true,
    probation: true,
    releasePlanSigned: true,
  };

  /** Received at the holding prison; returns the reception's time (it names the DIR's episode). */
  async function receive(
    prisonNumber: string,
    overrides: Parameters<typeof buildReception>[0] = {},
  ): Promise<string> {
    const receivedAt = clock.now().toISOString();
    const reception = buildReception({
      prisonNumber,
      establishment: HOLDING,
      receivedAt,
      cjitCaseload: undefined,
      ...overrides,
    });
    expect((await api.post('/v1/events/reception', reception)).status).toBe(202);
    await expectEventually(async () =>
      expect(
        await db.count('SELECT count(*) FROM api.person WHERE prison_number = $1', [prisonNumber]),
      ).toBe(1),
    );
    return receivedAt;
  }

  function release(prisonNumber: string, releaseDate: string, clinical?: object) {
    return buildReleaseEvent({
      prisonNumber,
      establishment: HOLDING,
      releaseDate,
      releaseArea: { localAuthorityCode: AREA },
      supervision: {
        onLicence: true,
        offenderManager: {
          name: 'Sam Patel',
          email: 'sam.patel@probation.example',
          organisationId: 'kirklees-probation',
        },
      },
      ...(clinical ? { clinical: clinical as never } : {}),
    });
  }

  function today(): DateTime {
    return DateTime.fromJSDate(clock.now(), { zone: ZONE }).startOf('day');
  }

  /** The first date at least `days` ahead whose weekday is `weekday` (1 Monday .. 7 Sunday). */
  function next(weekday: number, days: number): string {
    let date = today().plus({ days });
    while (date.weekday !== weekday) date = date.plus({ days: 1 });
    return date.toISODate() as string;
  }

  /** A Monday-to-Wednesday release a week or more ahead: its two-day milestone is not pulled earlier. */
  function ordinaryReleaseDate(): string {
    let date = today().plus({ days: 7 });
    while (date.weekday > 3 || date.minus({ days: 2 }).weekday > 5) date = date.plus({ days: 1 });
    return date.toISODate() as string;
  }

  /** When the two-day notice falls due, as the planner's calendar has it (weekends, bank holidays). */
  function twoDaysBefore(releaseDate: string): number {
    const twoDays = releaseMilestones(releaseDate, DEFAULT_MILESTONE_SETTINGS).find(
      (m) => m.kind === 'TWO_DAYS',
    );
    return twoDays!.dueAt.getTime();
  }

  async function bridgingRequestsOf(prisonNumber: string): Promise<BridgingRequest[]> {
    const response = await api.get(`/v1/prescribing/bridging-requests?establishment=${HOLDING}`);
    expect(response.status).toBe(200);
    return (response.body as BridgingRequest[]).filter((r) => r.prisonNumber === prisonNumber);
  }

  async function putOstPlan(prisonNumber: string, plan: Record<string, unknown>): Promise<void> {
    const response = await api.put(`/v1/people/${prisonNumber}/ost-plan`, {
      recordedBy: 'Dr R. Khan',
      recordedAt: clock.now().toISOString(),
      ...plan,
    });
    expect(response.status).toBeLessThan(300);
  }

  /** Waits until the continuity service has the person's record up to this write. */
  async function continuityHas(prisonNumber: string, query: string): Promise<void> {
    await expectEventually(async () =>
      expect(await db.count(query, [prisonNumber])).toBeGreaterThanOrEqual(1),
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
      },
      3400,
      `${process.env['TEST_LOG_DIR']}/e2e-continuity`,
    );
    api = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await register('kirklees-cjit', 'CJIT', { localAuthorityCodes: [AREA] }, '/cjit');
    await register('kirklees-cp', 'COMMUNITY_PROVIDER', { localAuthorityCodes: [AREA] }, '/cp');
    await register('kirklees-probation', 'PROBATION', { localAuthorityCodes: [AREA] }, '/om');
    await register('hmp-holding', 'PRISON', { establishments: [HOLDING] }, '/holding');
    await register('hmp-receiving', 'PRISON', { establishments: [RECEIVING] }, '/receiving');
  });

  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it('opens a bridging request at the two-day milestone that covers a Friday release until Monday, and a Friday before a bank holiday Monday until Tuesday; issuing it tells the community provider', async () => {
    const plusDays = (date: string, days: number) =>
      DateTime.fromISO(date).plus({ days }).toISODate() as string;
    const beforeBankHoliday = (date: string) => BANK_HOLIDAYS.has(plusDays(date, 3));
    let friday = next(5, 4);
    while (beforeBankHoliday(friday)) friday = plusDays(friday, 7);
    let preHoliday = next(5, 4);
    while (!beforeBankHoliday(preHoliday)) preHoliday = plusDays(preHoliday, 7);
    expect(preHoliday).toBe('2027-05-28'); // the Spring bank holiday is Monday 31 May 2027
    const cases = [
      // An ordinary Friday: covered until the Monday.
      { prisonNumber: uniquePrisonNumber(), releaseDate: friday, coverUntil: plusDays(friday, 3) },
      // Before the bank holiday Monday: until the Tuesday.
      { prisonNumber: uniquePrisonNumber(), releaseDate: preHoliday, coverUntil: '2027-06-01' },
    ];

    for (const { prisonNumber, releaseDate } of cases) {
      await receive(prisonNumber);
      await recordConsent(prisonNumber, FULL_CONSENT);
      await putOstPlan(prisonNumber, { arrangement: 'BRIDGING_SCRIPT', lastPrisonDoseAt: null });
      expect(
        (await api.post('/v1/events/release', release(prisonNumber, releaseDate))).status,
      ).toBe(202);
    }

    for (const { prisonNumber, releaseDate, coverUntil } of cases) {
      // Nothing is open before the two-day milestone.
      const requested = await oneNotice(
        '/holding',
        prisonNumber,
        'throughcare.notice.bridging-script.requested',
        90_000,
      );
      const twoDayDue = twoDaysBefore(releaseDate);
      expect(Date.parse(requested.time)).toBeGreaterThanOrEqual(twoDayDue);
      expect(requested.data).toMatchObject({
        releaseDate,
        ostMedicine: 'METHADONE',
        doseMg: 60,
        fridayOrPreHoliday: true,
      });

      const [open] = await expectEventually(async () => {
        const found = await bridgingRequestsOf(prisonNumber);
        expect(found).toHaveLength(1);
        return found;
      });
      expect(open).toMatchObject({
        status: 'OPEN',
        releaseKind: 'PLANNED',
        urgent: false,
        fridayOrPreHoliday: true,
        coverFrom: releaseDate,
        coverUntil,
      });
      expect(Date.parse(open!.openedAt)).toBeGreaterThanOrEqual(twoDayDue);

      // The community two-day notice carries the plan's essentials: who treats, whom to call,
      // and how medicines continue (the requested script).
      const twoDays = await oneNotice('/cp', prisonNumber, 'throughcare.notice.release.two-days');
      expect(twoDays.data).toMatchObject({
        localTreatmentProvider: [expect.objectContaining({ organisationId: 'kirklees-cp' })],
        prisonSpoc: expect.objectContaining({ organisationId: 'hmp-holding' }),
        medicinesContinuation: expect.objectContaining({ kind: 'BRIDGING_SCRIPT' }),
      });

      // The prescriber issues it: the community provider hears, with the script's cover.
      const issued = await api.post(`/v1/prescribing/bridging-requests/${open!.id}/issued`, {
        form: 'FP10MDA',
        prescriber: { name: 'Dr R. Khan', registrationNumber: '7012345' },
        issuedAt: clock.now().toISOString(),
        coverUntil,
      });
      expect(issued.status).toBe(202);
      const toProvider = await oneNotice(
        '/cp',
        prisonNumber,
        'throughcare.notice.bridging-script.issued',
      );
      expect(toProvider.data).toMatchObject({
        releaseDate,
        bridgingScript: expect.objectContaining({ status: 'ISSUED', coverUntil }),
      });
      const again = await api.post(`/v1/prescribing/bridging-requests/${open!.id}/issued`, {
        form: 'FP10MDA',
        prescriber: { name: 'Dr R. Khan' },
        issuedAt: clock.now().toISOString(),
        coverUntil,
      });
      expect(again.status).toBe(409);
    }
  }, 240_000);

  it('a court release of someone on OST opens an urgent bridging request within seconds', async () => {
    const prisonNumber = uniquePrisonNumber();
    await receive(prisonNumber); // on methadone at reception
    const postedAt = Date.now();
    const courtRelease = buildCourtRelease({
      prisonNumber,
      holdingEstablishment: HOLDING,
      releasedAt: clock.now().toISOString(),
      releaseArea: { localAuthorityCode: AREA },
    });
    expect((await api.post('/v1/events/court-release', courtRelease)).status).toBe(202);

    const [urgent] = await expectEventually(
      async () => {
        const found = await bridgingRequestsOf(prisonNumber);
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const realSeconds = (Date.now() - postedAt) / 1000;
    expect(realSeconds).toBeLessThan(10);
    expect(urgent).toMatchObject({ status: 'OPEN', releaseKind: 'COURT', urgent: true });
    // The holding prison's prescribers hear at once, with what to prescribe (from the reception).
    const requested = await oneNotice(
      '/holding',
      prisonNumber,
      'throughcare.notice.bridging-script.requested',
      10_000,
    );
    expect(requested.data).toMatchObject({
      court: 'Leeds Crown Court',
      bridgingScript: expect.objectContaining({
        id: urgent!.id,
        urgent: true,
        ostMedicine: 'METHADONE',
      }),
      medicinesContinuation: expect.objectContaining({
        kind: 'BRIDGING_SCRIPT',
        status: 'REQUESTED',
      }),
    });
  }, 60_000);

  it('raises naloxone.missing to the releasing prison at the two-day milestone and not before; a recorded outcome stops it and shows on the community notice', async () => {
    const missing = uniquePrisonNumber();
    const issued = uniquePrisonNumber();
    const releaseDate = ordinaryReleaseDate();
    for (const prisonNumber of [missing, issued]) {
      await receive(prisonNumber);
      await recordConsent(prisonNumber, FULL_CONSENT);
    }
    const outcome = await api.post(`/v1/people/${issued}/naloxone`, {
      outcome: 'ISSUED',
      trainingGiven: true,
      recordedAt: clock.now().toISOString(),
    });
    expect(outcome.status).toBe(201);
    for (const prisonNumber of [missing, issued])
      expect(
        (await api.post('/v1/events/release', release(prisonNumber, releaseDate))).status,
      ).toBe(202);

    // The six-week notice has gone (short notice, at once): no chase yet.
    await oneNotice('/cp', missing, 'throughcare.notice.release.six-weeks');
    expect(noticesAt('/holding', missing, 'throughcare.notice.naloxone.missing')).toEqual([]);

    const chase = await oneNotice(
      '/holding',
      missing,
      'throughcare.notice.naloxone.missing',
      90_000,
    );
    expect(Date.parse(chase.time)).toBeGreaterThanOrEqual(twoDaysBefore(releaseDate));
    expect(chase.data).toMatchObject({ releaseDate, naloxone: { issued: 'unknown' } });

    const [missingTwoDays, issuedTwoDays] = await Promise.all(
      [missing, issued].map((p) => oneNotice('/cp', p, 'throughcare.notice.release.two-days')),
    );
    expect(missingTwoDays!.data['naloxone']).toEqual({ issued: 'unknown' });
    expect(issuedTwoDays!.data['naloxone']).toEqual({ issued: true, trainingGiven: true });
    expect(noticesAt('/holding', issued, 'throughcare.notice.naloxone.missing')).toEqual([]);
  }, 180_000);

  it('a transfer hands the DIR to the receiving prison, whose reception attaches it: one DIR, not two; a CJIT that holds the person is asked for its record', async () => {
    const prisonNumber = uniquePrisonNumber();
    const receivedAt = await receive(prisonNumber, {
      cjitCaseload: { organisationId: 'kirklees-cjit' },
    });

    // The CJIT that already holds the person is asked for its record once the person consents
    // to the exchange (DIR-06): not before. Continuity has decided on the reception once the
    // request waits on the person's record; it would have been issued in that same transaction.
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM continuity.person_continuity
            WHERE prison_number = $1 AND pending_cjit_requests @> '[{"organisationId": "kirklees-cjit"}]'`,
          [prisonNumber],
        ),
      ).toBe(1),
    );
    expect(noticesAt('/cjit', prisonNumber, 'throughcare.notice.dir.record-requested')).toEqual([]);
    await recordConsent(prisonNumber, { cjit: true });
    const asked = await oneNotice('/cjit', prisonNumber, 'throughcare.notice.dir.record-requested');
    expect(asked.data).toMatchObject({ establishment: HOLDING });
    expect(JSON.stringify(asked.data)).not.toMatch(/METHADONE|ostMedicine|opiate/);

    const episode = { receivedAt, establishment: HOLDING };
    const dir = (establishment: string, notes: string) => ({
      custodyEpisode: episode,
      establishment,
      healthcareSectionCompletedAt: clock.now().toISOString(),
      substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
      treatment: {
        status: 'ACCESSING',
        modalities: ['OST_MAINTENANCE'],
        previousTreatment: 'NONE',
      },
      riskIssues: ['overdose risk on release'],
      futureNeeds: ['housing'],
      notes,
      recordedBy: 'healthcare triage',
      recordedAt: clock.now().toISOString(),
    });
    const first = await api.put(`/v1/people/${prisonNumber}/dir`, dir(HOLDING, 'first version'));
    expect(first.status).toBe(201);
    const { dirId } = first.body as { dirId: string; version: number };
    expect(first.body).toMatchObject({ version: 1 });
    await continuityHas(
      prisonNumber,
      'SELECT count(*) FROM api.dir_version WHERE prison_number = $1 AND version = 1',
    );

    const transfer = buildTransfer({
      prisonNumber,
      fromEstablishment: HOLDING,
      toEstablishment: RECEIVING,
      transferredAt: clock.now().toISOString(),
    });
    expect((await api.post('/v1/events/transfer', transfer)).status).toBe(202);

    // On the day of transfer the receiving prison's healthcare gets the DIR and case file.
    const handoff = await oneNotice('/receiving', prisonNumber, 'throughcare.notice.dir.handoff');
    expect(handoff.data).toMatchObject({
      fromEstablishment: HOLDING,
      toEstablishment: RECEIVING,
      dir: expect.objectContaining({ dirId, version: 1 }),
    });

    // The receiving prison records its own reception: accepted, same custody episode.
    const arrival = buildReception({
      prisonNumber,
      establishment: RECEIVING,
      receivedAt: clock.now().toISOString(),
      cjitCaseload: undefined,
    });
    expect((await api.post('/v1/events/reception', arrival)).status).toBe(202);
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM api.intake_event WHERE event_id = $1 AND custody_change = 'RECEIVED'`,
          [arrival.eventId],
        ),
      ).toBe(1),
    );

    // Its DIR write is a new version of the same DIR, with the first kept.
    const second = await api.put(`/v1/people/${prisonNumber}/dir`, dir(RECEIVING, 'updated'));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ dirId, version: 2 });
    expect(
      await db.rows<{ dir_id: string; version: number }>(
        'SELECT dir_id, version FROM api.dir_version WHERE prison_number = $1 ORDER BY version',
        [prisonNumber],
      ),
    ).toEqual([
      { dir_id: dirId, version: 1 },
      { dir_id: dirId, version: 2 },
    ]);

    // Nothing handed off twice, and no second DIR anywhere: asked once the hub is quiet (every
    // event read, every outbox relayed) and none of the person's deliveries still waiting.
    await waitForHubToSettle(db);
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
            WHERE n.prison_number = $1 AND d.status = 'PENDING'`,
          [prisonNumber],
        ),
      ).toBe(0),
    );
    expect(noticesAt('/receiving', prisonNumber, 'throughcare.notice.dir.handoff')).toHaveLength(1);
    const timeline = (await api.get(`/v1/people/${prisonNumber}/timeline`)).body as {
      entries: Array<Record<string, unknown>>;
    };
    const dirIds = new Set(
      timeline.entries.filter((e) => e['dirId'] !== undefined).map((e) => e['dirId']),
    );
    expect([...dirIds]).toEqual([dirId]);
  }, 120_000);

  it('the DIR goes to the CJIT with the two-day notice under consent; withdrawing probation consent turns the OM treatment summary into the restricted version', async () => {
    const prisonNumber = uniquePrisonNumber();
    const receivedAt = await receive(prisonNumber);
    const dir = {
      custodyEpisode: { receivedAt, establishment: HOLDING },
      establishment: HOLDING,
      substances: [{ substance: 'OPIATES', route: 'SMOKED', primary: true }],
      treatment: {
        status: 'ACCESSING',
        modalities: ['OST_MAINTENANCE', 'PSYCHOSOCIAL'],
        previousTreatment: 'COMMUNITY',
      },
      riskIssues: ['overdose risk on release'],
      futureNeeds: ['supported housing'],
      treatmentPlanned: ['methadone maintenance with Kirklees CP'],
      recordedBy: 'CARAT worker',
      recordedAt: clock.now().toISOString(),
    };
    const put = await api.put(`/v1/people/${prisonNumber}/dir`, dir);
    expect(put.status).toBe(201);
    const v1 = await recordConsent(prisonNumber, FULL_CONSENT);
    await putOstPlan(prisonNumber, {
      arrangement: 'COMMUNITY_DOSE_BOOKED',
      communityAppointment: {
        at: DateTime.fromISO(`${ordinaryReleaseDate()}T13:00`, { zone: ZONE }).toISO(),
        organisationId: 'kirklees-cp',
      },
    });
    const releaseDate = ordinaryReleaseDate();
    expect((await api.post('/v1/events/release', release(prisonNumber, releaseDate))).status).toBe(
      202,
    );

    // Six weeks (at once): the OM's consented summary, in time to shape licence conditions.
    const consented = await oneNotice('/om', prisonNumber, 'throughcare.notice.treatment-summary');
    expect(consented.data).toMatchObject({
      engagementStatus: 'ACCESSING',
      interventionsDelivered: ['OST_MAINTENANCE', 'PSYCHOSOCIAL'],
      riskIssues: ['overdose risk on release'],
      futureNeeds: ['supported housing'],
      disclosure: { consentVersion: v1 },
    });
    expect(JSON.stringify(consented.data)).toMatch(/METHADONE/);

    const v2 = await recordConsent(prisonNumber, {
      communityTreatment: true,
      cjit: true,
      releasePlanSigned: true,
    });

    const summaries = await expectEventually(
      () => {
        const found = noticesAt('/om', prisonNumber, 'throughcare.notice.treatment-summary');
        expect(found).toHaveLength(2);
        return found;
      },
      { timeoutMs: 90_000 },
    );
    const restricted = summaries.find((n) => n.id !== consented.id)!;
    expect(restricted.data.disclosure).toEqual({
      rule: 'om-restricted-set-without-consent',
      consentVersion: v2,
    });
    expect(restricted.data).toMatchObject({
      engagementStatus: 'ACCESSING',
      riskIssues: ['overdose risk on release'],
      futureNeeds: ['supported housing'],
    });
    expect(JSON.stringify(restricted.data)).not.toMatch(
      /METHADONE|ostMedicine|doseMg|onOst|treatmentPlanned|"dir"/,
    );

    // The CJIT, still consented, gets the DIR with the two-day notice, and the community
    // appointment as the way medicines continue.
    const handoff = await oneNotice('/cjit', prisonNumber, 'throughcare.notice.dir.handoff');
    expect(handoff.data).toMatchObject({
      releaseDate,
      dir: expect.objectContaining({ version: 1 }),
      medicinesContinuation: expect.objectContaining({ kind: 'COMMUNITY_APPOINTMENT' }),
    });
    expect(
      noticesAt('/holding', prisonNumber, 'throughcare.notice.bridging-script.requested'),
    ).toEqual([]);

    // A further assessment after the handoff goes to the CJIT too, "using the agreed DIR
    // processes" (DIR-04): the new version, in a notice of its own.
    const reassessed = await api.put(`/v1/people/${prisonNumber}/dir`, {
      ...dir,
      futureNeeds: ['supported housing', 'employment support'],
      recordedAt: clock.now().toISOString(),
    });
    expect(reassessed.status).toBe(200);
    const handoffs = await expectEventually(() => {
      const found = noticesAt('/cjit', prisonNumber, 'throughcare.notice.dir.handoff');
      expect(found).toHaveLength(2);
      return found;
    });
    const update = handoffs.find((n) => n.id !== handoff.id)!;
    expect(update.data).toMatchObject({
      releaseDate,
      dir: expect.objectContaining({ version: 2 }),
    });
    expect(JSON.stringify(update.data)).toContain('employment support');
  }, 180_000);

  it('a discharge of someone on OST with no OST plan alerts the releasing prison and is counted', async () => {
    const prisonNumber = uniquePrisonNumber();
    await receive(prisonNumber);
    const releaseDate = ordinaryReleaseDate();
    expect((await api.post('/v1/events/release', release(prisonNumber, releaseDate))).status).toBe(
      202,
    );
    const discharge = buildDischarge({
      prisonNumber,
      establishment: HOLDING,
      dischargedAt: clock.now().toISOString(),
    });
    expect((await api.post('/v1/events/discharge', discharge)).status).toBe(202);

    const alert = await oneNotice(
      '/holding',
      prisonNumber,
      'throughcare.notice.ost.released-without-plan',
    );
    expect(alert.data).toMatchObject({ ostMedicine: 'METHADONE', establishment: HOLDING });
    const metrics = await fetch(
      `http://127.0.0.1:${hub.services.get('continuity')!.port}/metrics`,
    ).then((r) => r.text());
    expect(metrics).toMatch(/throughcare_ost_released_without_plan_total\{[^}]*\} [1-9]/);
  }, 60_000);
});
