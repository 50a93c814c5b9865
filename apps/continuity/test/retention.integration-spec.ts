import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { retentionCutoffs, runtimeDatabaseUrl, sweepRetention } from '@throughcare/persistence';
import { RetentionEnv, validateEnv } from '@throughcare/service-config';
import { TestDatabase, uniquePrisonNumber } from '@throughcare/testing';

import { continuityDataSourceOptions } from '../src/database/continuity.data-source';
import { CONTINUITY_RETENTION_RULES } from '../src/retention/continuity-retention.rules';

/*
 * Continuity's retention against the run's real PostgreSQL, swept as its runtime role: the
 * record of someone who left custody longer ago than RETENTION_PERSON_DATA_DAYS goes with the
 * ids of the notices issued about them; someone still in custody, or recently out, stays.
 */

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const ownerUrl = process.env['DATABASE_URL'] as string;
const policy = validateEnv(RetentionEnv, {}).retentionPolicy();

describe('continuity retention', () => {
  let owner: TestDatabase;
  let runtime: DataSource;

  async function record(leftCustody: boolean, updatedAt: Date): Promise<string> {
    const prisonNumber = uniquePrisonNumber();
    await owner.rows(
      `INSERT INTO continuity.person_continuity (prison_number, left_custody, updated_at)
       VALUES ($1, $2::jsonb, $3)`,
      [prisonNumber, leftCustody ? '{"type":"RELEASE"}' : null, updatedAt],
    );
    await owner.rows(
      `INSERT INTO continuity.continuity_notice (notice_id, prison_number, notice_type, issued_at)
       VALUES ($1, $2, 'throughcare.notice.dir.handoff', $3)`,
      [randomUUID(), prisonNumber, updatedAt],
    );
    return prisonNumber;
  }

  const rowsOf = async (prisonNumber: string) => [
    await owner.count(
      'SELECT count(*) FROM continuity.person_continuity WHERE prison_number = $1',
      [prisonNumber],
    ),
    await owner.count(
      'SELECT count(*) FROM continuity.continuity_notice WHERE prison_number = $1',
      [prisonNumber],
    ),
  ];

  beforeAll(async () => {
    owner = new TestDatabase(ownerUrl);
    runtime = new DataSource(
      continuityDataSourceOptions(
        runtimeDatabaseUrl('continuity', { NODE_ENV: 'test', DATABASE_URL: ownerUrl }),
      ),
    );
    await runtime.initialize();
  });

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.close();
  });

  it('removes the records of people long out of custody, keeps the rest', async () => {
    const leftLongAgo = await record(true, ago(3 * 365));
    const inCustodyLongAgo = await record(false, ago(3 * 365));
    const leftRecently = await record(true, ago(30));

    const deleted = await sweepRetention(
      runtime,
      CONTINUITY_RETENTION_RULES,
      retentionCutoffs(now, policy),
    );

    expect(deleted['continuity.person_continuity']).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(leftLongAgo)).toEqual([0, 0]);
    expect(await rowsOf(inCustodyLongAgo)).toEqual([1, 1]);
    expect(await rowsOf(leftRecently)).toEqual([1, 1]);
  });
});
