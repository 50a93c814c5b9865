import { randomUUID } from 'node:crypto';

import type { INestApplication } from '@nestjs/common';

import { AdjustableClock } from '@throughcare/clock';
import {
  IntakeEventType,
  NOTICE_TYPE_OF_MILESTONE,
  NoticeType,
  PersonRecordEventType,
  Topics,
  type BridgingScriptIssuedV1,
  type ContinuityRecordV1,
  type DirRecordedV1,
  type MilestoneKind,
  type NaloxoneRecordedV1,
  type NoticeDueV1,
  type OstPlanRecordedV1,
  type ReleasePlannedV1,
} from '@throughcare/contracts';
import {
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildCourtRelease,
  buildDischarge,
  buildNoticeDue,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
  expectEventually,
  uniquePrisonNumber,
  waitForConsumersToCatchUp,
} from '@throughcare/testing';

import {
  continuityGroupId,
  continuityNoticesFor,
  publishAccepted,
  publishConsent,
  publishNoticeDue,
  publishPersonRecord,
  recordsFor,
} from './support/continuity-harness';
import { startContinuity } from './support/continuity-harness';

// The continuity service against the run's PostgreSQL and Kafka: intake-accepted, person-record
// and planner milestone events in; its notices (carrying the record) and the person's continuity
// record out, through the outbox. The clock stands on Monday 17 May 2027; Friday 28 May is the
// day before the Spring bank holiday weekend (Monday 31 May 2027).

const NOW = new Date('2027-05-17T08:00:00Z');
const HOLDING = 'LEI';
const RECEIVING = 'MDI';
const PORT = 3298;

describe('continuity service (real Kafka and PostgreSQL)', () => {
  const clock = new AdjustableClock(NOW);
  let continuity: INestApplication;
  let reader: TopicReader;
  let writer: TopicWriter;
  let db: TestDatabase;

  const noticesOf = (prisonNumber: string, type?: NoticeType) =>
    continuityNoticesFor(reader, prisonNumber).filter(
      (n) => type === undefined || n.noticeType === type,
    );

  async function waitForNotices(
    prisonNumber: string,
    type: NoticeType,
    count = 1,
    timeoutMs = 20_000,
  ): Promise<NoticeDueV1[]> {
    return expectEventually(
      () => {
        const found = noticesOf(prisonNumber, type);
        expect(found).toHaveLength(count);
        return found;
      },
      { timeoutMs, intervalMs: 50 },
    );
  }

  async function waitForRecord(
    prisonNumber: string,
    matches: (record: ContinuityRecordV1) => boolean,
  ): Promise<ContinuityRecordV1> {
    return expectEventually(() => {
      const found = recordsFor(reader, prisonNumber).filter(matches);
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found[found.length - 1]!;
    });
  }

  /** The quiet point: continuity has read everything published, and its outbox has drained. */
  async function settled(): Promise<void> {
    await waitForConsumersToCatchUp(
      [Topics.IntakeAccepted, Topics.PersonRecord, Topics.NoticeDue, Topics.Consent].map(
        (topic) => ({
          groupId: continuityGroupId(),
          topic,
        }),
      ),
    );
    await expectEventually(async () =>
      expect(await db.count('SELECT count(*) FROM continuity.outbox')).toBe(0),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  /** A continuity counter's value on /metrics for the prison (0 before its first count). */
  async function counter(name: string, establishment: string, urgent?: string): Promise<number> {
    const text = await fetch(`http://127.0.0.1:${PORT}/metrics`).then((r) => r.text());
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith(`${name}{`) &&
          l.includes(`establishment="${establishment}"`) &&
          (urgent === undefined || l.includes(`urgent="${urgent}"`)),
      );
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  const common = (prisonNumber: string, episodeId: string) => ({
    prisonNumber,
    episodeId,
    recordedByOrganisation: 'leeds-smt',
    acceptedAt: NOW.toISOString(),
  });

  /** Received at the holding prison on 1 April 2027 (on methadone) in a new episode. */
  async function receive(
    prisonNumber: string,
    overrides: Parameters<typeof buildReception>[0] = {},
  ): Promise<string> {
    const episodeId = randomUUID();
    const reception = buildReception({
      prisonNumber,
      establishment: HOLDING,
      receivedAt: '2027-04-01T14:05:00Z',
      cjitCaseload: undefined,
      ...overrides,
    });
    await publishAccepted(writer, IntakeEventType.ReceptionReceived, reception, {
      episodeId,
      change: 'RECEIVED',
      occurredAt: reception.receivedAt,
    });
    await waitForRecord(prisonNumber, (r) => r.episodeId === episodeId);
    return episodeId;
  }

  function dirRecorded(prisonNumber: string, episodeId: string): DirRecordedV1 {
    const episode = { receivedAt: '2027-04-01T14:05:00Z', establishment: HOLDING };
    return {
      ...common(prisonNumber, episodeId),
      dirId: randomUUID(),
      version: 1,
      episode,
      holder: HOLDING,
      dir: {
        custodyEpisode: episode,
        establishment: HOLDING,
        substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
        treatment: {
          status: 'ACCESSING',
          modalities: ['OST_MAINTENANCE'],
          previousTreatment: 'NONE',
        },
        recordedBy: 'healthcare triage',
        recordedAt: '2027-04-02T10:00:00Z',
      } as DirRecordedV1['dir'],
    };
  }

  async function recordOstPlan(prisonNumber: string, episodeId: string): Promise<void> {
    const event: OstPlanRecordedV1 = {
      ...common(prisonNumber, episodeId),
      version: 1,
      plan: { arrangement: 'BRIDGING_SCRIPT', lastPrisonDoseAt: null },
    };
    await publishPersonRecord(writer, PersonRecordEventType.OstPlanRecorded, event);
    await waitForRecord(prisonNumber, (r) => r.ostPlan !== undefined);
  }

  function milestone(
    prisonNumber: string,
    episodeId: string,
    kind: MilestoneKind,
    releaseDate: string,
    dueAt: string,
    overrides: Partial<ReleasePlannedV1> = {},
  ): NoticeDueV1 {
    const { occurredAt: _occurredAt, ...release } = buildReleaseEvent({
      prisonNumber,
      establishment: HOLDING,
      releaseDate,
      ...overrides,
    });
    return buildNoticeDue({
      noticeId: randomUUID(),
      noticeType: NOTICE_TYPE_OF_MILESTONE[kind],
      prisonNumber,
      episodeId,
      milestone: kind,
      dueAt,
      issuedAt: dueAt,
      shortNotice: false,
      fridayOrPreHoliday: false,
      release,
    });
  }

  beforeAll(async () => {
    db = new TestDatabase();
    reader = await new TopicReader().start([Topics.NoticeDue, Topics.Continuity]);
    writer = await new TopicWriter().start();
    continuity = await startContinuity(PORT, clock);
  });

  afterAll(async () => {
    await continuity?.close();
    await writer?.stop();
    await reader?.stop();
    await db?.close();
  });

  it('hands the DIR to the receiving prison once on transfer; the reception there attaches it; a CJIT on the caseload is asked for its record', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = await receive(prisonNumber, {
      cjitCaseload: { organisationId: 'leeds-cjit' },
    });
    // The request waits for the person's cjit consent (DIR-06).
    await settled();
    expect(noticesOf(prisonNumber, NoticeType.CjitRecordRequested)).toEqual([]);
    await publishConsent(writer, prisonNumber, 1, true);
    const [request] = await waitForNotices(prisonNumber, NoticeType.CjitRecordRequested);
    expect(request).toMatchObject({
      episodeId,
      organisationId: 'leeds-cjit',
      cause: { type: IntakeEventType.ReceptionReceived, establishment: HOLDING },
    });
    expect(Date.parse(request!.issuedAt)).toBeGreaterThanOrEqual(NOW.getTime());
    expect(request!.dueAt).toBe(request!.issuedAt); // at once, when the consent arrived

    const dir = dirRecorded(prisonNumber, episodeId);
    await publishPersonRecord(writer, PersonRecordEventType.DirRecorded, dir);
    await waitForRecord(prisonNumber, (r) => r.dir?.dirId === dir.dirId);

    const transfer = buildTransfer({
      prisonNumber,
      fromEstablishment: HOLDING,
      toEstablishment: RECEIVING,
      transferredAt: '2027-05-17T07:30:00Z',
    });
    const accepted = {
      episodeId,
      change: 'TRANSFERRED' as const,
      occurredAt: transfer.transferredAt,
    };
    await publishAccepted(writer, IntakeEventType.TransferCompleted, transfer, accepted);
    const [handoff] = await waitForNotices(prisonNumber, NoticeType.DirHandoff);
    expect(handoff).toMatchObject({
      episodeId,
      cause: {
        type: IntakeEventType.TransferCompleted,
        eventId: transfer.eventId,
        occurredAt: transfer.transferredAt,
        establishment: HOLDING,
        toEstablishment: RECEIVING,
      },
      continuity: { dir: { dirId: dir.dirId, holder: RECEIVING, version: 1 } },
    });

    // Redelivered, then the receiving prison records its own reception in the same episode.
    await publishAccepted(writer, IntakeEventType.TransferCompleted, transfer, accepted);
    const arrival = buildReception({
      prisonNumber,
      establishment: RECEIVING,
      receivedAt: '2027-05-17T09:15:00Z',
      cjitCaseload: { organisationId: 'leeds-cjit' },
    });
    await publishAccepted(writer, IntakeEventType.ReceptionReceived, arrival, {
      episodeId,
      change: 'RECEIVED',
      occurredAt: arrival.receivedAt,
    });
    await settled();
    expect(noticesOf(prisonNumber, NoticeType.DirHandoff)).toHaveLength(1);
    expect(noticesOf(prisonNumber, NoticeType.CjitRecordRequested)).toHaveLength(1);
    const dirs = new Set(recordsFor(reader, prisonNumber).map((r) => r.dir?.dirId));
    dirs.delete(undefined);
    expect([...dirs]).toEqual([dir.dirId]);
    const [row] = await db.rows<{ record: ContinuityRecordV1 }>(
      'SELECT record FROM continuity.person_continuity WHERE prison_number = $1',
      [prisonNumber],
    );
    expect(row!.record.dir).toMatchObject({ dirId: dir.dirId, holder: RECEIVING });
  });

  it.each([
    ['a Friday release until Monday', '2027-05-21', '2027-05-19T08:00:00.000Z', '2027-05-24'],
    [
      'a Friday before a bank holiday Monday until Tuesday',
      '2027-05-28',
      '2027-05-26T08:00:00.000Z',
      '2027-06-01',
    ],
  ])(
    'opens one bridging request at the two-day milestone for %s, redelivered or re-fired',
    async (_case, releaseDate, dueAt, coverUntil) => {
      const prisonNumber = uniquePrisonNumber();
      const episodeId = await receive(prisonNumber);
      await recordOstPlan(prisonNumber, episodeId);
      const openedBefore = await counter(
        'throughcare_bridging_requests_opened_total',
        'LEI',
        'false',
      );
      const missingBefore = await counter('throughcare_naloxone_missing_total', 'LEI');
      const twoDays = {
        ...milestone(prisonNumber, episodeId, 'TWO_DAYS', releaseDate, dueAt),
        fridayOrPreHoliday: true,
      };
      await publishNoticeDue(writer, twoDays);
      const [requested] = await waitForNotices(prisonNumber, NoticeType.BridgingScriptRequested);
      expect(requested).toMatchObject({
        episodeId,
        dueAt,
        fridayOrPreHoliday: true,
        release: { releaseDate, establishment: HOLDING },
      });
      expect(requested!.continuity!.bridgingRequest).toMatchObject({
        status: 'OPEN',
        releaseKind: 'PLANNED',
        urgent: false,
        establishment: HOLDING,
        coverFrom: releaseDate,
        coverUntil,
      });

      await publishNoticeDue(writer, twoDays); // redelivered
      await publishNoticeDue(writer, { ...twoDays, noticeId: randomUUID() }); // re-fired
      await settled();
      expect(noticesOf(prisonNumber, NoticeType.BridgingScriptRequested)).toHaveLength(1);
      expect(noticesOf(prisonNumber, NoticeType.NaloxoneMissing)).toHaveLength(1);
      expect(noticesOf(prisonNumber, NoticeType.TreatmentSummary)).toHaveLength(1);
      const requests = new Set(
        recordsFor(reader, prisonNumber).flatMap((r) =>
          r.bridgingRequest ? [r.bridgingRequest.id] : [],
        ),
      );
      expect(requests.size).toBe(1);
      expect(await counter('throughcare_bridging_requests_opened_total', 'LEI', 'false')).toBe(
        openedBefore + 1,
      );
      expect(await counter('throughcare_naloxone_missing_total', 'LEI')).toBe(missingBefore + 1);
    },
  );

  it('raises naloxone.missing at the two-day milestone only, and not when an outcome is on record', async () => {
    const missing = uniquePrisonNumber();
    const issued = uniquePrisonNumber();
    const episodes = { [missing]: await receive(missing), [issued]: await receive(issued) };
    const outcome: NaloxoneRecordedV1 = {
      ...common(issued, episodes[issued]!),
      outcome: { outcome: 'ISSUED', trainingGiven: true, recordedAt: NOW.toISOString() },
    };
    await publishPersonRecord(writer, PersonRecordEventType.NaloxoneRecorded, outcome);
    await waitForRecord(issued, (r) => r.naloxone?.outcome === 'ISSUED');

    const releaseDate = '2027-06-30';
    for (const prisonNumber of [missing, issued])
      await publishNoticeDue(
        writer,
        milestone(
          prisonNumber,
          episodes[prisonNumber]!,
          'SIX_WEEKS',
          releaseDate,
          NOW.toISOString(),
        ),
      );
    await waitForNotices(missing, NoticeType.TreatmentSummary);
    await settled();
    expect(noticesOf(missing, NoticeType.NaloxoneMissing)).toEqual([]);

    for (const prisonNumber of [missing, issued])
      await publishNoticeDue(
        writer,
        milestone(
          prisonNumber,
          episodes[prisonNumber]!,
          'TWO_DAYS',
          releaseDate,
          '2027-06-28T08:00:00.000Z',
        ),
      );
    const [chase] = await waitForNotices(missing, NoticeType.NaloxoneMissing);
    expect(chase).toMatchObject({ dueAt: '2027-06-28T08:00:00.000Z', release: { releaseDate } });
    await waitForNotices(issued, NoticeType.TreatmentSummary, 2);
    await settled();
    expect(noticesOf(issued, NoticeType.NaloxoneMissing)).toEqual([]);
  });

  it('on the morning of release: naloxone still missing is told again, louder (NAL-04), and a last dose not recorded is a gap (OST-09)', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = await receive(prisonNumber); // on methadone, opiate use
    await recordOstPlan(prisonNumber, episodeId); // a bridging script, no last dose recorded
    await publishNoticeDue(
      writer,
      milestone(
        prisonNumber,
        episodeId,
        'DAY_OF_RELEASE',
        '2027-06-30',
        '2027-06-30T08:00:00.000Z',
      ),
    );
    const [louder] = await waitForNotices(prisonNumber, NoticeType.NaloxoneMissingOnReleaseDay);
    expect(louder).toMatchObject({
      dueAt: '2027-06-30T08:00:00.000Z',
      release: { releaseDate: '2027-06-30', establishment: HOLDING },
    });
    const [gap] = await waitForNotices(prisonNumber, NoticeType.OstLastDoseGap);
    expect(gap!.continuity?.ostPlan).toMatchObject({ arrangement: 'BRIDGING_SCRIPT' });
  });

  it('a court release of someone on OST opens an urgent bridging request within seconds', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = await receive(prisonNumber); // on methadone at reception
    const dir = dirRecorded(prisonNumber, episodeId);
    await publishPersonRecord(writer, PersonRecordEventType.DirRecorded, dir);
    await waitForRecord(prisonNumber, (r) => r.dir !== undefined);
    const court = buildCourtRelease({
      prisonNumber,
      holdingEstablishment: HOLDING,
      releasedAt: NOW.toISOString(),
    });
    const urgentBefore = await counter('throughcare_bridging_requests_opened_total', 'LEI', 'true');
    const postedAt = Date.now();
    await publishAccepted(writer, IntakeEventType.CourtReleaseReleased, court, {
      episodeId,
      change: 'RELEASED_FROM_COURT',
      occurredAt: court.releasedAt,
    });
    const [requested] = await waitForNotices(
      prisonNumber,
      NoticeType.BridgingScriptRequested,
      1,
      10_000,
    );
    expect(Date.now() - postedAt).toBeLessThan(10_000);
    expect(requested).toMatchObject({
      cause: { type: IntakeEventType.CourtReleaseReleased, establishment: HOLDING },
    });
    expect(requested!.continuity!.bridgingRequest).toMatchObject({
      status: 'OPEN',
      releaseKind: 'COURT',
      urgent: true,
      establishment: HOLDING,
      coverFrom: '2027-05-17',
      coverUntil: '2027-05-18',
      ostMedicine: 'METHADONE',
    });
    await waitForNotices(prisonNumber, NoticeType.DirHandoff);
    await waitForNotices(prisonNumber, NoticeType.OstReleasedAwaitingScript);
    expect(await counter('throughcare_bridging_requests_opened_total', 'LEI', 'true')).toBe(
      urgentBefore + 1,
    );
  });

  it('a discharge of someone on OST with no OST plan alerts the releasing prison and is counted', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = await receive(prisonNumber);
    const alertsBefore = await counter('throughcare_ost_released_without_plan_total', 'LEI');
    const discharge = buildDischarge({
      prisonNumber,
      establishment: HOLDING,
      dischargedAt: NOW.toISOString(),
    });
    await publishAccepted(writer, IntakeEventType.ReleaseDischarged, discharge, {
      episodeId,
      change: 'DISCHARGED',
      occurredAt: discharge.dischargedAt,
    });
    const [alert] = await waitForNotices(prisonNumber, NoticeType.OstReleasedWithoutPlan);
    expect(alert).toMatchObject({
      cause: { type: IntakeEventType.ReleaseDischarged, establishment: HOLDING },
    });
    await expectEventually(async () =>
      expect(await counter('throughcare_ost_released_without_plan_total', 'LEI')).toBe(
        alertsBefore + 1,
      ),
    );
  });

  it('a script issued marks the request ISSUED and tells the community provider', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = await receive(prisonNumber);
    await recordOstPlan(prisonNumber, episodeId);
    await publishNoticeDue(
      writer,
      milestone(prisonNumber, episodeId, 'TWO_DAYS', '2027-05-19', '2027-05-17T08:00:00.000Z'),
    );
    const [requested] = await waitForNotices(prisonNumber, NoticeType.BridgingScriptRequested);
    const requestId = requested!.continuity!.bridgingRequest!.id;
    const issued: BridgingScriptIssuedV1 = {
      ...common(prisonNumber, episodeId),
      requestId,
      issued: {
        form: 'FP10MDA',
        prescriber: { name: 'Dr R. Khan', registrationNumber: '7012345' },
        issuedAt: NOW.toISOString(),
        coverUntil: '2027-05-20',
      },
    };
    await publishPersonRecord(writer, PersonRecordEventType.BridgingScriptIssued, issued);
    const [told] = await waitForNotices(prisonNumber, NoticeType.BridgingScriptIssued);
    expect(told!.continuity!.bridgingRequest).toMatchObject({
      id: requestId,
      status: 'ISSUED',
      issued: issued.issued,
    });
    const record = await waitForRecord(prisonNumber, (r) => r.bridgingRequest?.status === 'ISSUED');
    expect(record.revision).toBe(told!.continuity!.revision);
  });

  it('the six-week milestone sends the OM a treatment summary only when on licence', async () => {
    const onLicence = uniquePrisonNumber();
    const notOnLicence = uniquePrisonNumber();
    for (const prisonNumber of [onLicence, notOnLicence]) {
      const episodeId = await receive(prisonNumber);
      await publishNoticeDue(
        writer,
        milestone(prisonNumber, episodeId, 'SIX_WEEKS', '2027-06-30', NOW.toISOString(), {
          supervision:
            prisonNumber === onLicence ? buildReleaseEvent().supervision : { onLicence: false },
        }),
      );
    }
    const [summary] = await waitForNotices(onLicence, NoticeType.TreatmentSummary);
    expect(summary).toMatchObject({
      milestone: 'SIX_WEEKS',
      release: { releaseDate: '2027-06-30' },
    });
    await settled();
    expect(noticesOf(notOnLicence)).toEqual([]);
  });
});
