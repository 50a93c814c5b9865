import { Topics } from '@throughcare/contracts';
import {
  HubApiClient,
  TestDatabase,
  WebhookSink,
  accountLedger,
  accountNotices,
  buildReception,
  buildReleaseEvent,
  expectEventually,
  playPerson,
  receivedNotices,
  registerWorkloadRecipients,
  startHub,
  tomorrowInLondon,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
  type RunningHub,
  type WorkloadArea,
} from '@throughcare/testing';

/*
 * The consent race of issue 13 on the whole stack (HTTP in, Kafka between the four services,
 * PostgreSQL and Redis, signed webhooks out), real clock. Per person the workload: a
 * reception, a consent PUT (every scope, plan signed) and a release dated tomorrow (six-week and
 * two-day notices due at once to the area's CJIT, provider and OM), many people at once.
 *  1. Consent answered before the release was posted: every notice arrives on time, none is
 *     withheld, none decided without consent.
 *  2. Consent PUT and release posted at the same instant: whichever the API accepted first, each
 *     community recipient ends up with the release's current state: the two-day notice, or (when
 *     the release was accepted first and its notices were decided before the consent reached the
 *     notifier) one notice marked late; nothing is withheld under the consent given.
 * Notices are counted once per webhook-id, as a subscriber dedupes them.
 * CONSENT_RACE_E2E_PEOPLE sets the number of people per part (default 40).
 */

const PEOPLE = Number(process.env['CONSENT_RACE_E2E_PEOPLE'] ?? 40);
const AT_ONCE = 10;
const AREA: WorkloadArea = {
  localAuthorityCode: 'E07000117', // Burnley: only this suite registers organisations for it
  establishment: 'RCE',
  cjit: 'race-cjit',
  provider: 'race-provider',
  probation: 'race-probation',
  prison: 'race-prison-rce',
};
const COMMUNITY_PATHS = ['/load/cjit', '/load/provider'];

/**
 * What a subscriber keeps: one notice per webhook-id (Standard Webhooks receivers dedupe on it).
 * A second POST of the same id (an attempt that timed out after the sink had answered, on a
 * loaded machine) is the delivery path's at-least-once, not a second notice.
 */
function oncePerWebhookId(sink: WebhookSink): ReturnType<typeof receivedNotices> {
  const seen = new Set<string>();
  return receivedNotices(sink.received).filter((notice) => {
    if (seen.has(notice.webhookId)) return false;
    seen.add(notice.webhookId);
    return true;
  });
}

async function inWaves<T>(items: readonly T[], play: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += AT_ONCE)
    await Promise.all(items.slice(i, i + AT_ONCE).map(play));
}

describe('consent race, end to end (issue 13 finding 1)', () => {
  let hub: RunningHub;
  let api: HubApiClient;
  let sink: WebhookSink;
  let db: TestDatabase;
  // Random, not a sequence: runs share a broker, and an earlier run's people must not be these.
  const nextPrisonNumber = uniquePrisonNumber;

  beforeAll(async () => {
    sink = await new WebhookSink().start();
    db = new TestDatabase();
    hub = await startHub(
      { ...process.env },
      3600,
      `${process.env['TEST_LOG_DIR']}/e2e-consent-race`,
    );
    api = new HubApiClient(hub.apiUrl, process.env['HUB_ADMIN_KEY'] as string);
    // A shared broker holds earlier runs' events, which this run's consumers read from the
    // beginning: let them get past those before the clock of this test starts.
    const suffix = process.env['KAFKA_GROUP_SUFFIX'] ?? '';
    await waitForConsumersToCatchUp(
      [
        ...[Topics.Directory, Topics.Consent, Topics.NoticeDue].map((topic) => ({
          groupId: `throughcare-notifier${suffix}`,
          topic,
        })),
        { groupId: `throughcare-planner${suffix}`, topic: Topics.IntakeAccepted },
        { groupId: `throughcare-continuity${suffix}`, topic: Topics.IntakeAccepted },
      ],
      { timeoutMs: 180_000 },
    );
    await registerWorkloadRecipients(api, db, sink, AREA);
  }, 240_000);

  afterAll(async () => {
    await hub?.stop();
    await sink?.stop();
    await db?.close();
  });

  it(`consent acknowledged before the release: ${PEOPLE} people, zero withheld, zero missing, zero duplicates`, async () => {
    const people = Array.from({ length: PEOPLE }, () => nextPrisonNumber());
    await inWaves(people, async (prisonNumber) => {
      const run = await playPerson(api, prisonNumber, AREA);
      expect({ prisonNumber, statuses: run.statuses }).toEqual({
        prisonNumber,
        statuses: ['202', '200', '202'],
      });
    });

    const account = await expectEventually(
      () => {
        const counted = accountNotices(oncePerWebhookId(sink), people);
        expect(counted.missing).toEqual([]);
        return counted;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    expect(account.delivered).toBe(PEOPLE * 2 * 3);
    expect(account.duplicates).toEqual([]);
    const ledger = await accountLedger(db, people, AREA);
    expect({ withheld: ledger.wronglyWithheld, unconsented: ledger.decidedWithoutConsent }).toEqual(
      { withheld: 0, unconsented: 0 },
    );
    // None of them needed the late path: the stamp made each notice wait for its consent.
    const late = sink.received.filter((r) => {
      const body = JSON.parse(r.body) as { subject?: string; data?: { late?: boolean } };
      return body.subject && people.includes(body.subject) && body.data?.late === true;
    });
    expect(late).toEqual([]);
  }, 300_000);

  it(`consent PUT and release at the same instant: ${PEOPLE} people, every community recipient told once, on time or late`, async () => {
    const people = Array.from({ length: PEOPLE }, () => nextPrisonNumber());
    const now = new Date();
    await inWaves(people, async (prisonNumber) => {
      const reception = await api.post(
        '/v1/events/reception',
        buildReception({
          prisonNumber,
          establishment: AREA.establishment,
          receivedAt: new Date(now.getTime() - 90 * 86_400_000).toISOString(),
          cjitCaseload: undefined,
        }),
      );
      expect(reception.status).toBe(202);
      const [consent, release] = await Promise.all([
        api.put(`/v1/people/${prisonNumber}/consent`, {
          communityTreatment: true,
          cjit: true,
          probation: true,
          ndtms: true,
          releasePlanSigned: true,
          recordedBy: 'race.test',
          recordedAt: now.toISOString(),
        }),
        api.post('/v1/events/release', releaseOf(prisonNumber)),
      ]);
      expect([consent.status, release.status]).toEqual([200, 202]);
    });

    const outcome = await expectEventually(
      () => {
        const told = communityOutcome(people);
        expect(told.untold).toEqual([]);
        return told;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    expect(outcome.duplicates).toEqual([]);
    process.stdout.write(
      `consent race e2e: ${people.length} people, consent and release at once: ${outcome.late} late notice(s) to community recipients\n`,
    );
    // Every withheld delivery was decided without consent on record (the release was accepted
    // first) and its recipient got the late notice: never withheld under the consent it had.
    const withheldUnderConsent = await db.count(
      `SELECT count(*) FROM notifier.disclosure_decision
        WHERE prison_number = ANY($1) AND decision = 'WITHHOLD' AND consent_version IS NOT NULL`,
      [people],
    );
    expect(withheldUnderConsent).toBe(0);
    // Nothing stuck, and the OM (its restricted set at least) told of both notices.
    await expectEventually(
      async () => {
        expect((await accountLedger(db, people, AREA)).pending).toBe(0);
        const om = accountNotices(oncePerWebhookId(sink), people).missing.filter((m) =>
          m.endsWith('/load/om'),
        );
        expect(om).toEqual([]);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }, 300_000);

  function releaseOf(prisonNumber: string) {
    return buildReleaseEvent({
      prisonNumber,
      establishment: AREA.establishment,
      releaseDate: tomorrowInLondon(),
      releaseArea: { localAuthorityCode: AREA.localAuthorityCode },
      supervision: {
        onLicence: true,
        offenderManager: {
          name: 'Sam Patel',
          email: 'sam.patel@probation.example',
          organisationId: AREA.probation,
        },
      },
    });
  }

  /**
   * Per person and community recipient: told when the release's current state reached it (the
   * two-day notice, the latest of the release, or a notice marked late; a six-week notice withheld
   * before the consent arrived needs no late repeat once the two-day notice went out under it); a
   * duplicate is a webhook-id accepted twice or a second late notice.
   */
  function communityOutcome(people: readonly string[]): {
    untold: string[];
    duplicates: string[];
    late: number;
  } {
    const lateIds = new Set(
      sink.received
        .filter((r) => (JSON.parse(r.body) as { data?: { late?: boolean } }).data?.late === true)
        .map((r) => String(r.headers['webhook-id'])),
    );
    // Per person and path: the distinct webhook-ids received of each type (late ones apart).
    const seen = new Map<string, Map<string, Set<string>>>();
    for (const notice of oncePerWebhookId(sink)) {
      if (!COMMUNITY_PATHS.includes(notice.path)) continue;
      if (!notice.subject || !people.includes(notice.subject)) continue;
      if (!notice.type.startsWith('throughcare.notice.release.')) continue;
      const key = `${notice.subject} ${notice.path}`;
      const byType = seen.get(key) ?? new Map<string, Set<string>>();
      const kind = lateIds.has(notice.webhookId) ? 'late' : notice.type;
      byType.set(kind, (byType.get(kind) ?? new Set()).add(notice.webhookId));
      seen.set(key, byType);
    }
    const untold: string[] = [];
    const duplicates: string[] = [];
    for (const prisonNumber of people)
      for (const path of COMMUNITY_PATHS) {
        const byType = seen.get(`${prisonNumber} ${path}`) ?? new Map<string, Set<string>>();
        if (!byType.has('throughcare.notice.release.two-days') && !byType.has('late'))
          untold.push(`${prisonNumber} ${path}`);
        if ([...byType.values()].some((ids) => ids.size > 1))
          duplicates.push(`${prisonNumber} ${path}`);
      }
    const late = [...seen.values()].reduce(
      (sum, byType) => sum + (byType.get('late')?.size ?? 0),
      0,
    );
    return { untold, duplicates, late };
  }
});
