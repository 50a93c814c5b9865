import { SimulatedClock } from '@throughcare/clock';
import {
  HubApiClient,
  TestDatabase,
  TestMailServer,
  WebhookSink,
  buildCourtRelease,
  buildReception,
  expectEventually,
  startHub,
  uniquePrisonNumber,
  type ReceivedMail,
  type RunningHub,
} from '@throughcare/testing';

/*
 * Acknowledgements and escalation on the real stack (issue 16, ACK-01 to ACK-04): HTTP in, Kafka
 * between the services, PostgreSQL underneath, the escalation e-mails at a real local SMTP server.
 * The hub runs on a simulated clock at 120x from a Wednesday, with short configured deadlines:
 * an unplanned release is ACCEPTED within 60 hub minutes (30 real seconds, room for a busy
 * machine's Kafka lag between the API and the notifier) and the steps are 20 hub minutes apart
 * (10 real seconds); working hours run round the clock, so nothing waits for the morning.
 */

const AREA = 'E06000014'; // York: only this suite registers organisations for it
const PRISON = 'ACQ';
const SPEED = 120;
const CLOCK_START = '2027-03-03T10:00:00Z';
const CJIT = 'york-cjit';
const SPOC = `spoc@${CJIT}.example`;
const SECOND = `manager@${CJIT}.example`;
const RELEASE_TEAM = 'release-team@hmp-acq.example';

interface Acknowledged {
  acknowledgementId: string;
  status: string;
}

describe('acknowledgements stop, and their absence climbs, the escalation ladder', () => {
  const anchor = new Date();
  const clock = new SimulatedClock(new Date(CLOCK_START), SPEED, anchor);
  let hub: RunningHub;
  let admin: HubApiClient;
  let cjit: HubApiClient;
  let elsewhere: HubApiClient;
  let sink: WebhookSink;
  let mail: TestMailServer;
  let db: TestDatabase;

  async function subscriberKey(organisationId: string): Promise<string> {
    const issued = await admin.post('/v1/api-keys', { organisationId, role: 'subscriber' });
    expect(issued.status).toBe(201);
    return (issued.body as { key: string }).key;
  }

  /**
   * A person received at the prison and released from court now: returns the CJIT's webhook-id.
   * Without consent on record the CJIT's notice is the non-identifying alert (DIS-10); the API's
   * copy of the delivery is named by the type it was sent as.
   */
  async function courtRelease(): Promise<{ prisonNumber: string; webhookId: string }> {
    const prisonNumber = uniquePrisonNumber();
    const receivedAt = new Date(clock.now().getTime() - 86_400_000).toISOString();
    const reception = buildReception({ prisonNumber, establishment: PRISON, receivedAt });
    delete reception.cjitCaseload;
    expect((await admin.post('/v1/events/reception', reception)).status).toBe(202);
    const release = buildCourtRelease({
      prisonNumber,
      holdingEstablishment: PRISON,
      releasedAt: clock.now().toISOString(),
      releaseArea: { localAuthorityCode: AREA },
    });
    expect((await admin.post('/v1/events/court-release', release)).status).toBe(202);
    // The API's copy of the delivery: what an acknowledgement is checked against.
    const [row] = await expectEventually(async () => {
      const rows = await db.rows<{ delivery_id: string }>(
        `SELECT d.delivery_id FROM api.delivery d JOIN api.issued_notice n ON n.notice_id = d.notice_id
          WHERE n.prison_number = $1 AND d.organisation_id = $2
            AND d.notice_type LIKE 'throughcare.notice.release.unplanned%'`,
        [prisonNumber, CJIT],
      );
      expect(rows).toHaveLength(1);
      return rows;
    });
    return { prisonNumber, webhookId: row!.delivery_id };
  }

  function mailAbout(webhookId: string, to?: string): ReceivedMail[] {
    return mail.received.filter(
      (m) => m.subject.includes(webhookId) && (to === undefined || m.to.includes(to)),
    );
  }

  /**
   * The CJIT's escalation steps for the person's notices. (The person is on methadone, so the
   * court release also opens an urgent bridging request for the prison's prescribers, with a
   * ladder of its own: ACTIONED within the working-time deadline, ACK-02.)
   */
  async function stepsOf(prisonNumber: string): Promise<Array<{ step: string; outcome: string }>> {
    return db.rows(
      `SELECT s.step, s.outcome FROM notifier.escalation_step s
         JOIN notifier.notice n ON n.id = s.notice_id
        WHERE n.prison_number = $1 AND s.organisation_id = $2 ORDER BY s.id`,
      [prisonNumber, CJIT],
    );
  }

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    mail = await new TestMailServer().start();
    db = new TestDatabase();
    hub = await startHub(
      {
        ...process.env,
        HUB_CLOCK_START: CLOCK_START,
        HUB_CLOCK_SPEED: String(SPEED),
        HUB_CLOCK_ANCHOR: anchor.toISOString(),
        SMTP_URL: mail.url(),
        ACK_UNPLANNED_WITHIN: '60m',
        ACK_WORKING_HOURS: '00:00-24:00',
        ESCALATION_STEP_AFTER: '20m',
        ESCALATION_POLL_INTERVAL_MS: '300',
      },
      3500,
      `${process.env['TEST_LOG_DIR']}/e2e-acknowledgements`,
    );
    admin = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    await admin.registerOrganisation({
      organisationId: CJIT,
      type: 'CJIT',
      name: 'York CJIT',
      localAuthorityCodes: [AREA],
      spoc: { name: 'Duty worker', email: SPOC },
      secondContact: { name: 'Team manager', email: SECOND },
    });
    await admin.registerOrganisation({
      organisationId: 'hmp-acq',
      type: 'PRISON',
      name: 'HMP Acq',
      establishments: [PRISON],
      spoc: { name: 'Release team', email: RELEASE_TEAM },
    });
    await admin.registerOrganisation({
      organisationId: 'york-elsewhere',
      type: 'PROBATION',
      name: 'Probation elsewhere',
      localAuthorityCodes: ['E06000015'],
      spoc: { name: 'Duty officer', email: 'spoc@york-elsewhere.example' },
    });
    const { id } = await admin.subscribe(CJIT, sink.url('/york-cjit'), [
      'throughcare.notice.release.*',
    ]);
    cjit = new HubApiClient(hub.apiUrl, await subscriberKey(CJIT));
    elsewhere = new HubApiClient(hub.apiUrl, await subscriberKey('york-elsewhere'));
    await expectEventually(async () => {
      expect(
        await db.count('SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1', [id]),
      ).toBe(1);
      expect(
        await db.count(
          "SELECT count(*) FROM notifier.recipient_organisation WHERE organisation_id = 'hmp-acq'",
        ),
      ).toBe(1);
    });
  });

  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await mail?.stop();
    await db?.close();
  });

  it('an ACCEPTED court release is never escalated; one left unanswered goes to the SPOC, the second contact, then the releasing prison', async () => {
    // Accepted first, so that its deadline has passed once the unanswered one's has.
    const accepted = await courtRelease();
    const answer = await cjit.post(`/v1/notices/${accepted.webhookId}/acknowledgements`, {
      status: 'ACCEPTED',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ deliveryId: accepted.webhookId, status: 'ACCEPTED' });
    // Another organisation's key learns nothing of it.
    expect(
      (
        await elsewhere.post(`/v1/notices/${accepted.webhookId}/acknowledgements`, {
          status: 'ACCEPTED',
        })
      ).status,
    ).toBe(404);

    const unanswered = await courtRelease();
    await expectEventually(() => expect(mailAbout(unanswered.webhookId, SPOC)).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    await expectEventually(() => expect(mailAbout(unanswered.webhookId, SECOND)).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    await expectEventually(
      () => expect(mailAbout(unanswered.webhookId, RELEASE_TEAM)).toHaveLength(1),
      { timeoutMs: 60_000 },
    );
    const ladder = mailAbout(unanswered.webhookId);
    expect(ladder.map((m) => m.to[0])).toEqual([SPOC, SECOND, RELEASE_TEAM]);
    // Only the releasing prison is told who it is about.
    expect(ladder[0]!.text).not.toContain(unanswered.prisonNumber);
    expect(ladder[2]!.text).toContain(unanswered.prisonNumber);
    await expectEventually(async () =>
      expect(await stepsOf(unanswered.prisonNumber)).toEqual([
        { step: 'SPOC', outcome: 'SENT' },
        { step: 'SECOND_CONTACT', outcome: 'SENT' },
        { step: 'RELEASING_PRISON', outcome: 'SENT' },
      ]),
    );

    // Accepted before its deadline, which has long passed: closed by it, never escalated.
    const [closed] = await db.rows<{ closed_by: string; on_time: boolean }>(
      `SELECT d.closed_by, d.closed_at <= d.due_at AS on_time FROM notifier.acknowledgement_deadline d
         JOIN notifier.notice n ON n.id = d.notice_id
        WHERE n.prison_number = $1 AND d.organisation_id = $2`,
      [accepted.prisonNumber, CJIT],
    );
    expect(closed).toEqual({ closed_by: 'ACCEPTED', on_time: true });
    expect(mailAbout(accepted.webhookId)).toEqual([]);
    expect(await stepsOf(accepted.prisonNumber)).toEqual([]);
    const metrics = await fetch(
      `http://127.0.0.1:${hub.services.get('notifier')!.port}/metrics`,
    ).then((r) => r.text());
    expect(metrics).toMatch(
      /throughcare_escalation_steps_total\{[^}]*step="RELEASING_PRISON",notice_type="throughcare\.notice\.release\.unplanned",outcome="SENT"[^}]*\} [1-9]/,
    );
  }, 180_000);

  it('a DECLINED court release reaches the releasing prison at once with the reason, idempotently, and shows on the timeline', async () => {
    const declined = await courtRelease();
    const body = { status: 'DECLINED', reason: 'not our area: lives in Leeds' };
    const headers = { 'Idempotency-Key': `decline-${declined.webhookId}` };
    const first = await cjit.post(
      `/v1/notices/${declined.webhookId}/acknowledgements`,
      body,
      headers,
    );
    const again = await cjit.post(
      `/v1/notices/${declined.webhookId}/acknowledgements`,
      body,
      headers,
    );
    expect(first.status).toBe(201);
    expect((again.body as Acknowledged).acknowledgementId).toBe(
      (first.body as Acknowledged).acknowledgementId,
    );

    const [toPrison] = await expectEventually(() => {
      const found = mailAbout(declined.webhookId, RELEASE_TEAM);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(toPrison!.text).toContain('not our area: lives in Leeds');
    expect(toPrison!.text).toContain(declined.prisonNumber);
    // At once: before its deadline, so its own SPOC was never asked.
    expect(mailAbout(declined.webhookId, SPOC)).toEqual([]);
    // The step is audited in the transaction that sent the e-mail: it commits just after.
    await expectEventually(async () =>
      expect(await stepsOf(declined.prisonNumber)).toEqual([
        { step: 'DECLINED_TO_PRISON', outcome: 'SENT' },
      ]),
    );

    const timeline = await admin.get(`/v1/people/${declined.prisonNumber}/timeline`);
    const entries = (timeline.body as { entries: Array<Record<string, unknown>> }).entries;
    expect(entries.filter((e) => e['kind'] === 'acknowledgement')).toEqual([
      expect.objectContaining({
        type: 'DECLINED',
        deliveryId: declined.webhookId,
        organisationId: CJIT,
        // Named by the type the delivery had when acknowledged: without consent the CJIT's notice
        // turns into the non-identifying alert (DIS-10) when it is sent.
        summary: expect.stringMatching(
          /^DECLINED of unplanned(-alert)? by york-cjit: not our area: lives in Leeds$/,
        ),
      }),
    ]);
  }, 120_000);
});
