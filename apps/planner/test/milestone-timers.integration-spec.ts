import type { INestApplication } from '@nestjs/common';

import { AdjustableClock } from '@throughcare/clock';
import { NoticeType, Topics } from '@throughcare/contracts';
import {
  PrivateRedis,
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildCourtRelease,
  buildDischarge,
  buildReleaseCancelled,
  buildReleaseEvent,
  expectEventually,
  uniquePrisonNumber,
} from '@throughcare/testing';

import { MilestoneReconciler } from '../src/milestones/milestone-reconciler.service';
import {
  IntakeEventType,
  newEpisode,
  noticesFor,
  publishAccepted,
  startPlanner,
} from './support/planner-harness';

// The hub's clock starts on Monday 4 January 2027. A release on Friday 19 February has its
// six-week notice on Friday 8 January, two-day notice on Wednesday 17 February and day-of
// notice on the 19th, each at 09:00 London (GMT in winter, so 09:00Z).
const START = new Date('2027-01-04T08:00:00Z');
const SIX_WEEKS = new Date('2027-01-08T09:00:00Z');
const TWO_DAYS = new Date('2027-02-17T09:00:00Z');
const DAY_OF = new Date('2027-02-19T09:00:00Z');

describe('release milestones fire on time, once (planner against real PostgreSQL, Kafka and Redis)', () => {
  const clock = new AdjustableClock(START);
  const redis = new PrivateRedis(6391);
  let planner: INestApplication;
  let reader: TopicReader;
  let writer: TopicWriter;
  let db: TestDatabase;

  const justBefore = (instant: Date, ms = 2000) => new Date(instant.getTime() - ms);
  const milestoneRows = (prisonNumber: string) =>
    db.rows<{ kind: string; status: string; due_at: Date }>(
      'SELECT kind, status, due_at FROM planner.milestone WHERE prison_number = $1 ORDER BY due_at, kind',
      [prisonNumber],
    );

  async function plan(
    prisonNumber: string,
    releaseDate: string,
    episodeId: string,
    previousReleaseDate?: string,
  ) {
    const release = buildReleaseEvent({ prisonNumber, releaseDate });
    await publishAccepted(writer, IntakeEventType.ReleasePlanned, release, {
      episodeId,
      change: previousReleaseDate ? 'RELEASE_REPLANNED' : 'RELEASE_PLANNED',
      occurredAt: clock.now(),
      previousReleaseDate,
    });
    await expectEventually(async () => {
      const rows = await db.rows(
        'SELECT 1 FROM planner.release_plan WHERE prison_number = $1 AND release_date = $2',
        [prisonNumber, releaseDate],
      );
      expect(rows).toHaveLength(1);
    });
  }

  async function waitForNotice(prisonNumber: string, type: string, count = 1) {
    return expectEventually(
      () => {
        const found = noticesFor(reader, prisonNumber).filter((n) => n.noticeType === type);
        expect(found).toHaveLength(count);
        return found;
      },
      { timeoutMs: 20_000 },
    );
  }

  beforeAll(async () => {
    await redis.start();
    db = new TestDatabase();
    reader = await new TopicReader().start([Topics.NoticeDue]);
    writer = await new TopicWriter().start();
    planner = await startPlanner(3293, clock, redis.url);
  });

  afterAll(async () => {
    await planner?.close();
    await writer?.stop();
    await reader?.stop();
    await db?.close();
    await redis.stop();
  });

  beforeEach(() => clock.jumpTo(START));

  it('fires each milestone once, at its time', async () => {
    const prisonNumber = uniquePrisonNumber();
    await plan(prisonNumber, '2027-02-19', newEpisode());
    for (const [due, type] of [
      [SIX_WEEKS, NoticeType.SixWeeks],
      [TWO_DAYS, NoticeType.TwoDays],
      [DAY_OF, NoticeType.DayOfRelease],
    ] as const) {
      clock.jumpTo(justBefore(due));
      const [notice] = await waitForNotice(prisonNumber, type);
      const lateMs = Date.parse(notice!.issuedAt) - due.getTime();
      expect(lateMs).toBeGreaterThanOrEqual(0);
      expect(lateMs).toBeLessThan(1500);
      expect(notice).toMatchObject({
        shortNotice: false,
        fridayOrPreHoliday: true,
        dueAt: due.toISOString(),
      });
    }
    // Past every milestone, the reconciler finds nothing more to fire.
    clock.jumpTo(new Date('2027-02-20T12:00:00Z'));
    await planner.get(MilestoneReconciler).reconcile();
    expect(noticesFor(reader, prisonNumber).map((n) => n.noticeType)).toEqual([
      NoticeType.SixWeeks,
      NoticeType.TwoDays,
      NoticeType.DayOfRelease,
    ]);
  });

  it('re-arms on a new date, earlier, later or on a weekend, and tells those already told', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = newEpisode();
    await plan(prisonNumber, '2027-02-19', episodeId);
    clock.jumpTo(justBefore(SIX_WEEKS));
    await waitForNotice(prisonNumber, NoticeType.SixWeeks);

    await plan(prisonNumber, '2027-02-12', episodeId, '2027-02-19'); // earlier
    await plan(prisonNumber, '2027-02-26', episodeId, '2027-02-12'); // later
    await plan(prisonNumber, '2027-02-27', episodeId, '2027-02-26'); // a Saturday
    const rescheduled = await waitForNotice(prisonNumber, NoticeType.Rescheduled, 3);
    expect(rescheduled.map((n) => [n.previousReleaseDate, n.release?.releaseDate])).toEqual([
      ['2027-02-19', '2027-02-12'],
      ['2027-02-12', '2027-02-26'],
      ['2027-02-26', '2027-02-27'],
    ]);
    // The weekend release's two-day and day-of notices move back to Thursday and Friday.
    const pending = (await milestoneRows(prisonNumber)).filter((m) => m.status === 'PENDING');
    expect(pending.map((m) => [m.kind, m.due_at.toISOString()])).toEqual([
      ['TWO_DAYS', '2027-02-25T09:00:00.000Z'],
      ['DAY_OF_RELEASE', '2027-02-26T09:00:00.000Z'],
    ]);
    // The old two-day time passes quietly; the new one fires. The six-week notice is not repeated.
    clock.jumpTo(new Date('2027-02-17T09:00:05Z'));
    await planner.get(MilestoneReconciler).reconcile();
    clock.jumpTo(justBefore(new Date('2027-02-25T09:00:00Z')));
    await waitForNotice(prisonNumber, NoticeType.TwoDays);
    expect(
      noticesFor(reader, prisonNumber).filter((n) => n.noticeType === NoticeType.SixWeeks),
    ).toHaveLength(1);
  });

  it('after a cancellation following the six-week notice, sends cancelled and nothing more', async () => {
    const prisonNumber = uniquePrisonNumber();
    const episodeId = newEpisode();
    await plan(prisonNumber, '2027-02-19', episodeId);
    clock.jumpTo(justBefore(SIX_WEEKS));
    await waitForNotice(prisonNumber, NoticeType.SixWeeks);
    const cancellation = buildReleaseCancelled({ prisonNumber });
    await publishAccepted(writer, IntakeEventType.ReleaseCancelled, cancellation, {
      episodeId,
      change: 'RELEASE_CANCELLED',
      occurredAt: clock.now(),
      previousReleaseDate: '2027-02-19',
    });
    const [cancelled] = await waitForNotice(prisonNumber, NoticeType.Cancelled);
    expect(cancelled).toMatchObject({
      previousReleaseDate: '2027-02-19',
      cause: { reason: 'FURTHER_CHARGE' },
    });
    expect((await milestoneRows(prisonNumber)).map((m) => m.status)).toEqual([
      'SENT',
      'SUPERSEDED',
      'SUPERSEDED',
    ]);
    clock.jumpTo(new Date('2027-02-20T12:00:00Z'));
    expect((await planner.get(MilestoneReconciler).reconcile()).fired).toBe(0);
    expect(noticesFor(reader, prisonNumber).map((n) => n.noticeType)).toEqual([
      NoticeType.SixWeeks,
      NoticeType.Cancelled,
    ]);
  });

  it('still fires exactly once when Redis is flushed between arming and firing', async () => {
    const prisonNumber = uniquePrisonNumber();
    await plan(prisonNumber, '2027-02-19', newEpisode());
    clock.jumpTo(justBefore(SIX_WEEKS, 4000));
    // The reconciler arms the timer once the milestone is within the horizon.
    await expectEventually(async () =>
      expect(
        await redis.keyCount(`${process.env['BULL_PREFIX']}:milestone-timers:*-fire`),
      ).toBeGreaterThan(0),
    );
    await redis.flushAll();
    expect(await redis.keyCount('*')).toBe(0);
    const [notice] = await waitForNotice(prisonNumber, NoticeType.SixWeeks);
    expect(Date.parse(notice!.issuedAt)).toBeGreaterThanOrEqual(SIX_WEEKS.getTime());
    await planner.get(MilestoneReconciler).reconcile();
    expect(noticesFor(reader, prisonNumber)).toHaveLength(1);
  });

  it('sends discharged on discharge and unplanned at once on a court release, standing down what is left', async () => {
    const discharged = uniquePrisonNumber();
    const episodeId = newEpisode();
    await plan(discharged, '2027-02-19', episodeId);
    clock.jumpTo(new Date('2027-02-19T09:40:00Z'));
    await waitForNotice(discharged, NoticeType.DayOfRelease);
    const discharge = buildDischarge({
      prisonNumber: discharged,
      dischargedAt: clock.now().toISOString(),
    });
    await publishAccepted(writer, IntakeEventType.ReleaseDischarged, discharge, {
      episodeId,
      change: 'DISCHARGED',
      occurredAt: clock.now(),
    });
    const [notice] = await waitForNotice(discharged, NoticeType.Discharged);
    expect(notice).toMatchObject({
      episodeId,
      release: { releaseDate: '2027-02-19' },
      cause: { eventId: discharge.eventId, establishment: 'LEI' },
    });

    const bailed = uniquePrisonNumber();
    const bailEpisode = newEpisode();
    clock.jumpTo(START);
    await plan(bailed, '2027-02-19', bailEpisode);
    const court = buildCourtRelease({
      prisonNumber: bailed,
      releasedAt: clock.now().toISOString(),
    });
    await publishAccepted(writer, IntakeEventType.CourtReleaseReleased, court, {
      episodeId: bailEpisode,
      change: 'RELEASED_FROM_COURT',
      occurredAt: clock.now(),
    });
    const [unplanned] = await waitForNotice(bailed, NoticeType.Unplanned);
    expect(unplanned).toMatchObject({
      shortNotice: false,
      cause: {
        court: 'Leeds Crown Court',
        reason: 'BAIL',
        releaseArea: { localAuthorityCode: 'E08000035' },
      },
    });
    expect(Date.parse(unplanned!.issuedAt) - clock.now().getTime()).toBeLessThan(5_000);
    expect((await milestoneRows(bailed)).map((m) => m.status)).toEqual([
      'SUPERSEDED',
      'SUPERSEDED',
      'SUPERSEDED',
    ]);
  });
});
