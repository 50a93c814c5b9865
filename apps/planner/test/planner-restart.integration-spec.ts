import { NoticeType, Topics } from '@throughcare/contracts';
import {
  PrivateRedis,
  TestDatabase,
  TopicReader,
  TopicWriter,
  buildReleaseEvent,
  expectEventually,
  startService,
  stopService,
  uniquePrisonNumber,
  type RunningService,
} from '@throughcare/testing';

import {
  IntakeEventType,
  newEpisode,
  noticesFor,
  publishAccepted,
} from './support/planner-harness';

const SIX_WEEKS = new Date('2027-01-08T09:00:00Z'); // for a release on Friday 19 February 2027

// Two service starts and a wait for a real-time timer: longer than the default 60 s.
jest.setTimeout(150_000);

describe('a planner killed while a milestone is due fires it once after restart (separate process)', () => {
  const redis = new PrivateRedis(6392);
  let reader: TopicReader;
  let writer: TopicWriter;
  let db: TestDatabase;
  let planner: RunningService | undefined;

  // The hub's clock runs at real speed from 30 s before the six-week milestone, anchored now,
  // so a restarted process reads the same time as the one that was killed.
  const anchor = new Date();
  const clockStart = new Date(SIX_WEEKS.getTime() - 30_000);
  const env = {
    ...process.env,
    REDIS_URL: redis.url,
    // Its own consumer group: never shares partitions with another suite's in-process planner.
    KAFKA_GROUP_SUFFIX: `${process.env['KAFKA_GROUP_SUFFIX']}-restart`,
    HUB_CLOCK_START: clockStart.toISOString(),
    HUB_CLOCK_SPEED: '1',
    HUB_CLOCK_ANCHOR: anchor.toISOString(),
    MILESTONE_RECONCILE_INTERVAL_MS: '60000',
  };
  const realInstantOf = (hubInstant: Date) =>
    anchor.getTime() + (hubInstant.getTime() - clockStart.getTime());
  const logDir = `${process.env['TEST_LOG_DIR']}/planner-restart`;

  beforeAll(async () => {
    await redis.start();
    db = new TestDatabase();
    reader = await new TopicReader().start([Topics.NoticeDue]);
    writer = await new TopicWriter().start();
  });

  afterAll(async () => {
    if (planner) await stopService(planner);
    await writer?.stop();
    await reader?.stop();
    await db?.close();
    await redis.stop();
  });

  it('fires the milestone exactly once', async () => {
    planner = await startService('planner', 3294, env, logDir);
    const prisonNumber = uniquePrisonNumber();
    const release = buildReleaseEvent({ prisonNumber, releaseDate: '2027-02-19' });
    await publishAccepted(writer, IntakeEventType.ReleasePlanned, release, {
      episodeId: newEpisode(),
      change: 'RELEASE_PLANNED',
      occurredAt: new Date(Date.now() - anchor.getTime() + clockStart.getTime()),
    });
    await expectEventually(async () =>
      expect(
        await db.count(
          `SELECT count(*) FROM planner.milestone WHERE prison_number = $1 AND kind = 'SIX_WEEKS' AND status = 'PENDING'`,
          [prisonNumber],
        ),
      ).toBe(1),
    );
    // Kill it, without warning, just as the timer is due.
    const killAt = realInstantOf(SIX_WEEKS) + 20;
    expect(killAt).toBeGreaterThan(Date.now());
    await new Promise((resolve) => setTimeout(resolve, killAt - Date.now()));
    planner.process.kill('SIGKILL');
    await new Promise((resolve) => planner!.process.once('exit', resolve));

    planner = await startService('planner', 3294, env, logDir);
    await expectEventually(async () =>
      expect(
        await db.rows(
          `SELECT status FROM planner.milestone WHERE prison_number = $1 AND kind = 'SIX_WEEKS'`,
          [prisonNumber],
        ),
      ).toEqual([{ status: 'SENT' }]),
    );
    const sixWeeks = await expectEventually(() => {
      const found = noticesFor(reader, prisonNumber).filter(
        (n) => n.noticeType === NoticeType.SixWeeks,
      );
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    // One notice: the relay may repeat a message it published just before the kill, but never
    // with another id, and the notifier keeps one per id.
    expect(new Set(sixWeeks.map((n) => n.noticeId)).size).toBe(1);
    expect(Date.parse(sixWeeks[0]!.issuedAt)).toBeGreaterThanOrEqual(SIX_WEEKS.getTime());
  });
});
