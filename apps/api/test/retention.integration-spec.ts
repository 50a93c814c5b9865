import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import {
  retentionCutoffs,
  runtimeDatabaseUrl,
  sweepRetention,
  type RetentionPolicy,
} from '@throughcare/persistence';
import { RetentionEnv, validateEnv } from '@throughcare/service-config';
import { TestDatabase, uniquePrisonNumber } from '@throughcare/testing';

import { apiDataSourceOptions } from '../src/database/api.data-source';
import { API_RETENTION_RULES } from '../src/retention/api-retention.rules';

/*
 * The API's retention against the run's real PostgreSQL, swept as the API's runtime role: a
 * person released and unheard of for longer than RETENTION_PERSON_DATA_DAYS goes with everything
 * about them (consent history and risk overrides included, which nothing else may delete);
 * someone in custody, or heard of since, stays; the audit's copy outlives both the person and the
 * delivery it audits.
 */

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const ownerUrl = process.env['DATABASE_URL'] as string;
const policy: RetentionPolicy = validateEnv(RetentionEnv, {}).retentionPolicy();

describe('api retention', () => {
  let owner: TestDatabase;
  let runtime: DataSource;

  async function person(status: string, updatedAt: Date): Promise<string> {
    const prisonNumber = uniquePrisonNumber();
    await owner.rows(
      `INSERT INTO api.person (prison_number, status, custody, updated_at)
       VALUES ($1, $2, '{}'::jsonb, $3)`,
      [prisonNumber, status, updatedAt],
    );
    await owner.rows(
      `INSERT INTO api.intake_event (event_id, type, prison_number, establishment, payload,
         payload_hash, correlation_id, received_at, occurred_at)
       VALUES ($1, 'release', $2, 'MDI', '{}'::jsonb, 'h', $3, $4, $4)`,
      [randomUUID(), prisonNumber, randomUUID(), updatedAt],
    );
    await consent(prisonNumber, 1, updatedAt);
    await owner.rows(
      `INSERT INTO api.risk_override (override_id, prison_number, ground, reason, scope,
         authorised_by, recorded_at, consent_sought_first, person_informed,
         recorded_by_organisation, created_at)
       VALUES ($1, $2, 'VITAL_INTERESTS', 'a reason', '{CJIT}', 'governor', $3, true, false,
         'prison-mdi', $3)`,
      [randomUUID(), prisonNumber, updatedAt],
    );
    return prisonNumber;
  }

  async function consent(prisonNumber: string, version: number, at: Date): Promise<void> {
    await owner.rows(
      `INSERT INTO api.consent_record (prison_number, version, community_treatment, cjit,
         probation, ndtms, release_plan_signed, recorded_by, recorded_at,
         recorded_by_organisation, created_at)
       VALUES ($1, $2, true, true, true, false, true, 'healthcare', $3, 'prison-mdi', $3)`,
      [prisonNumber, version, at],
    );
  }

  async function delivery(status: string, createdAt: Date): Promise<string> {
    const id = `msg_${randomUUID()}`;
    await owner.rows(
      `INSERT INTO api.delivery (delivery_id, notice_id, notice_type, organisation_id, channel,
         status, created_at, replays, attempts, revision, received_at)
       VALUES ($1, $2, 'throughcare.notice.release.day-of', 'retention-test-org', 'WEBHOOK',
         $3, $4, 1, '[]'::jsonb, 1, $4)`,
      [id, randomUUID(), status, createdAt],
    );
    await owner.rows(
      `INSERT INTO api.delivery_replay_request (request_id, delivery_id, requested_by, requested_at)
       VALUES ($1, $2, 'retention-test-org', $3)`,
      [randomUUID(), id, createdAt],
    );
    return id;
  }

  async function audit(prisonNumber: string, deliveryId: string, at: Date): Promise<string> {
    const id = randomUUID();
    await owner.rows(
      `INSERT INTO api.disclosure_record (decision_id, notice_id, notice_type, prison_number,
         delivery_id, organisation_id, recipient_role, decision, rule, citation, fields,
         decided_at, received_at)
       VALUES ($1, $2, 'throughcare.notice.release.day-of', $3, $4, 'retention-test-org', 'CJIT',
         'DISCLOSED', 'CONSENTED', 'DIR-04', '{}', $5, $5)`,
      [id, randomUUID(), prisonNumber, deliveryId, at],
    );
    return id;
  }

  /** How many rows about the person each table still holds. */
  async function rowsAbout(prisonNumber: string): Promise<Record<string, number>> {
    const tables = ['person', 'intake_event', 'consent_record', 'risk_override'];
    const counts: Record<string, number> = {};
    for (const table of tables)
      counts[table] = await owner.count(
        `SELECT count(*) FROM api.${table} WHERE prison_number = $1`,
        [prisonNumber],
      );
    return counts;
  }
  const none = { person: 0, intake_event: 0, consent_record: 0, risk_override: 0 };
  const held = (id: string, table: string, column: string) =>
    owner.count(`SELECT count(*) FROM api.${table} WHERE ${column} = $1`, [id]);

  beforeAll(async () => {
    owner = new TestDatabase(ownerUrl);
    runtime = new DataSource(
      apiDataSourceOptions(runtimeDatabaseUrl('api', { NODE_ENV: 'test', DATABASE_URL: ownerUrl })),
    );
    await runtime.initialize();
  });

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.close();
  });

  it('removes people, deliveries and audit rows past their time, and keeps the rest', async () => {
    const releasedLongAgo = await person('RELEASED', ago(3 * 365));
    const courtReleasedLongAgo = await person('RELEASED_FROM_COURT', ago(3 * 365));
    const inCustodyLongAgo = await person('IN_CUSTODY', ago(3 * 365));
    const releasedRecently = await person('RELEASED', ago(30));
    // Released three years ago, but consent was recorded a month ago: heard of since.
    const consentedSince = await person('RELEASED', ago(3 * 365));
    await consent(consentedSince, 2, ago(30));

    const oldDelivery = await delivery('DELIVERED', ago(200));
    const oldPendingDelivery = await delivery('PENDING', ago(200));
    const recentDelivery = await delivery('FAILED', ago(20));

    // Seven years old, about a person and a delivery both gone: goes.
    const auditOfGone = await audit(releasedLongAgo, oldDelivery, ago(7 * 365));
    // Seven years old, but the person is still held (in custody): stays.
    const auditOfHeldPerson = await audit(inCustodyLongAgo, `msg_${randomUUID()}`, ago(7 * 365));
    // Seven years old, but the delivery is still held (pending): stays.
    const auditOfHeldDelivery = await audit(courtReleasedLongAgo, oldPendingDelivery, ago(2600));
    // Three years old: within the audit's six years though the person goes today.
    const auditRecent = await audit(releasedLongAgo, oldDelivery, ago(3 * 365));

    const deleted = await sweepRetention(
      runtime,
      API_RETENTION_RULES,
      retentionCutoffs(now, policy),
    );

    expect(deleted['api.person']).toBeGreaterThanOrEqual(2);
    expect(await rowsAbout(releasedLongAgo)).toEqual(none);
    expect(await rowsAbout(courtReleasedLongAgo)).toEqual(none);
    expect(await rowsAbout(inCustodyLongAgo)).toEqual({
      ...none,
      person: 1,
      intake_event: 1,
      consent_record: 1,
      risk_override: 1,
    });
    expect((await rowsAbout(releasedRecently))['person']).toBe(1);
    expect(await rowsAbout(consentedSince)).toEqual({
      person: 1,
      intake_event: 1,
      consent_record: 2,
      risk_override: 1,
    });

    expect(await held(oldDelivery, 'delivery', 'delivery_id')).toBe(0);
    expect(await held(oldDelivery, 'delivery_replay_request', 'delivery_id')).toBe(0);
    expect(await held(oldPendingDelivery, 'delivery', 'delivery_id')).toBe(1);
    expect(await held(recentDelivery, 'delivery', 'delivery_id')).toBe(1);

    expect(await held(auditOfGone, 'disclosure_record', 'decision_id')).toBe(0);
    expect(await held(auditOfHeldPerson, 'disclosure_record', 'decision_id')).toBe(1);
    expect(await held(auditOfHeldDelivery, 'disclosure_record', 'decision_id')).toBe(1);
    expect(await held(auditRecent, 'disclosure_record', 'decision_id')).toBe(1);
  });

  it('forgets stored answers to Idempotency-Keys after RETENTION_IDEMPOTENCY_DAYS', async () => {
    const caller = `retention-test-${randomUUID()}`;
    for (const [key, at] of [
      ['old', ago(policy.idempotencyDays + 10)],
      ['recent', ago(1)],
    ] as const)
      await owner.rows(
        `INSERT INTO api.idempotency_key (caller, key, method, path, request_hash,
           response_status, response_body, created_at)
         VALUES ($1, $2, 'PUT', '/v1/people/A1234BC/consent', 'h', 200, '{}'::json, $3)`,
        [caller, key, at],
      );
    await sweepRetention(runtime, API_RETENTION_RULES, retentionCutoffs(now, policy));
    const kept = await owner.rows<{ key: string }>(
      'SELECT key FROM api.idempotency_key WHERE caller = $1',
      [caller],
    );
    expect(kept.map((row) => row.key)).toEqual(['recent']);
  });

  it('the runtime role cannot delete consent history or the audit except through the purge', async () => {
    const prisonNumber = await person('RELEASED', ago(10));
    for (const table of ['consent_record', 'risk_override', 'disclosure_record'])
      await expect(
        runtime.transaction(async (manager) => {
          await manager.query("SELECT set_config('throughcare.retention_purge', 'on', true)");
          await manager.query(`DELETE FROM api.${table} WHERE prison_number = $1`, [prisonNumber]);
        }),
      ).rejects.toThrow(/permission denied/);
    expect((await rowsAbout(prisonNumber))['consent_record']).toBe(1);
  });

  it('an append-only table still refuses its owner a delete outside the purge', async () => {
    const prisonNumber = await person('RELEASED', ago(10));
    await expect(
      owner.rows('DELETE FROM api.consent_record WHERE prison_number = $1', [prisonNumber]),
    ).rejects.toThrow(/append-only/);
  });
});
