import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { retentionCutoffs, runtimeDatabaseUrl, sweepRetention } from '@throughcare/persistence';
import { RetentionEnv, validateEnv } from '@throughcare/service-config';
import { TestDatabase, uniquePrisonNumber } from '@throughcare/testing';

import { plannerDataSourceOptions } from '../src/database/planner.data-source';
import { PLANNER_RETENTION_RULES } from '../src/retention/planner-retention.rules';

/*
 * The planner's retention against the run's real PostgreSQL, swept as the planner's runtime
 * role: a release plan whose release is older than RETENTION_PERSON_DATA_DAYS goes with its
 * milestones; a recent one, or one with a milestone still pending, stays.
 */

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const ownerUrl = process.env['DATABASE_URL'] as string;
const policy = validateEnv(RetentionEnv, {}).retentionPolicy();

describe('planner retention', () => {
  let owner: TestDatabase;
  let runtime: DataSource;

  async function plan(releasedDaysAgo: number, milestoneStatus: string): Promise<string> {
    const prisonNumber = uniquePrisonNumber();
    const releaseEventId = randomUUID();
    const released = ago(releasedDaysAgo);
    await owner.rows(
      `INSERT INTO planner.release_plan (prison_number, release_event_id, release_date,
         friday_or_pre_holiday, release, updated_at)
       VALUES ($1, $2, $3::date, false, '{}'::jsonb, $4)`,
      [prisonNumber, releaseEventId, released.toISOString().slice(0, 10), released],
    );
    await owner.rows(
      `INSERT INTO planner.milestone (id, prison_number, release_event_id, kind, due_at, status)
       VALUES ($1, $2, $3, 'DAY_OF_RELEASE', $4, $5)`,
      [randomUUID(), prisonNumber, releaseEventId, released, milestoneStatus],
    );
    return prisonNumber;
  }

  const rowsOf = async (prisonNumber: string) => [
    await owner.count('SELECT count(*) FROM planner.release_plan WHERE prison_number = $1', [
      prisonNumber,
    ]),
    await owner.count('SELECT count(*) FROM planner.milestone WHERE prison_number = $1', [
      prisonNumber,
    ]),
  ];

  beforeAll(async () => {
    owner = new TestDatabase(ownerUrl);
    runtime = new DataSource(
      plannerDataSourceOptions(
        runtimeDatabaseUrl('planner', { NODE_ENV: 'test', DATABASE_URL: ownerUrl }),
      ),
    );
    await runtime.initialize();
  });

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.close();
  });

  it('removes release plans past their time with their milestones, keeps the rest', async () => {
    const old = await plan(3 * 365, 'SENT');
    const oldButPending = await plan(3 * 365, 'PENDING');
    const recent = await plan(30, 'SENT');

    const deleted = await sweepRetention(
      runtime,
      PLANNER_RETENTION_RULES,
      retentionCutoffs(now, policy),
    );

    expect(deleted['planner.release_plan']).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(old)).toEqual([0, 0]);
    expect(await rowsOf(oldButPending)).toEqual([1, 1]);
    expect(await rowsOf(recent)).toEqual([1, 1]);
  });
});
