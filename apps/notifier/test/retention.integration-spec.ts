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

import { notifierDataSourceOptions } from '../src/database/notifier.data-source';
import { NOTIFIER_RETENTION_RULES } from '../src/retention/notifier-retention.rules';

/*
 * The notifier's retention against the run's real PostgreSQL, swept as the notifier's runtime
 * role (so the sweep needs nothing its grants do not give): finished deliveries, their attempts
 * and notice bodies go after their time; anything still waiting stays; the disclosure audit stays
 * longer than all of them and never goes before the delivery and notice it audits.
 */

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const ownerUrl = process.env['DATABASE_URL'] as string;
// The defaults: deliveries 180 days, attempts 90, the audit 2190 (six years).
const policy: RetentionPolicy = validateEnv(RetentionEnv, {}).retentionPolicy();

describe('notifier retention', () => {
  let owner: TestDatabase;
  let runtime: DataSource;
  const prisonNumber = uniquePrisonNumber();

  async function notice(createdAt: Date): Promise<string> {
    const id = randomUUID();
    await owner.rows(
      `INSERT INTO notifier.notice (id, type, prison_number, content, created_at)
       VALUES ($1, 'throughcare.notice.release.day-of', $2, '{}'::jsonb, $3)`,
      [id, prisonNumber, createdAt],
    );
    return id;
  }

  async function delivery(noticeId: string, status: string, createdAt: Date): Promise<string> {
    const id = `msg_${randomUUID()}`;
    await owner.rows(
      `INSERT INTO notifier.delivery (id, notice_id, organisation_id, recipient_role, status, created_at)
       VALUES ($1, $2, 'retention-test-org', 'CJIT', $3, $4)`,
      [id, noticeId, status, createdAt],
    );
    return id;
  }

  async function attempt(deliveryId: string, startedAt: Date): Promise<void> {
    await owner.rows(
      `INSERT INTO notifier.delivery_attempt (delivery_id, attempt_number, started_at, status_code, latency_ms)
       VALUES ($1, 1, $2, 200, 12)`,
      [deliveryId, startedAt],
    );
  }

  async function decision(noticeId: string, deliveryId: string, decidedAt: Date): Promise<string> {
    const id = randomUUID();
    await owner.rows(
      `INSERT INTO notifier.disclosure_decision
         (decision_id, notice_id, delivery_id, organisation_id, recipient_role, decision, rule,
          fields, decided_at, prison_number, notice_type, citation)
       VALUES ($1, $2, $3, 'retention-test-org', 'CJIT', 'DISCLOSED', 'CONSENTED', '{}', $4, $5,
               'throughcare.notice.release.day-of', 'DIR-04')`,
      [id, noticeId, deliveryId, decidedAt, prisonNumber],
    );
    return id;
  }

  const exists = async (sql: string, id: string) => (await owner.count(sql, [id])) === 1;
  const noticeHeld = (id: string) =>
    exists('SELECT count(*) FROM notifier.notice WHERE id = $1', id);
  const deliveryHeld = (id: string) =>
    exists('SELECT count(*) FROM notifier.delivery WHERE id = $1', id);
  const attemptsOf = (id: string) =>
    owner.count('SELECT count(*) FROM notifier.delivery_attempt WHERE delivery_id = $1', [id]);
  const auditHeld = (id: string) =>
    exists('SELECT count(*) FROM notifier.disclosure_decision WHERE decision_id = $1::uuid', id);

  beforeAll(async () => {
    owner = new TestDatabase(ownerUrl);
    runtime = new DataSource(
      notifierDataSourceOptions(
        runtimeDatabaseUrl('notifier', { NODE_ENV: 'test', DATABASE_URL: ownerUrl }),
      ),
    );
    await runtime.initialize();
  });

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.close();
  });

  it('the defaults keep the audit longer than anything it audits', () => {
    expect(policy.auditDays).toBeGreaterThan(policy.deliveryDays);
    expect(policy.auditDays).toBeGreaterThan(policy.personDataDays);
    expect(policy.deliveryAttemptDays).toBeLessThanOrEqual(policy.deliveryDays);
  });

  it('removes what is past its retention and keeps what is recent or still needed', async () => {
    // Delivered 200 days ago: the delivery, its attempt and its notice body are past 180 days;
    // its audit row is not past six years and stays.
    const oldNotice = await notice(ago(200));
    const oldDelivery = await delivery(oldNotice, 'DELIVERED', ago(200));
    await attempt(oldDelivery, ago(200));
    const oldDecision = await decision(oldNotice, oldDelivery, ago(200));

    // Delivered 100 days ago: the attempt (past 90 days) goes, the delivery stays.
    const midNotice = await notice(ago(100));
    const midDelivery = await delivery(midNotice, 'FAILED', ago(100));
    await attempt(midDelivery, ago(100));

    // Paused seven years ago (its endpoint disabled since): still waiting, so it stays with its
    // attempts and notice, and so does its seven-year-old audit row.
    const pausedNotice = await notice(ago(7 * 365));
    const pausedDelivery = await delivery(pausedNotice, 'PAUSED', ago(7 * 365));
    await attempt(pausedDelivery, ago(7 * 365));
    const pausedDecision = await decision(pausedNotice, pausedDelivery, ago(7 * 365));

    // Seven years ago, delivered, and everything it audited already gone: the audit row goes.
    const ancientDecision = await decision(randomUUID(), `msg_${randomUUID()}`, ago(7 * 365));

    // Today.
    const newNotice = await notice(now);
    const newDelivery = await delivery(newNotice, 'DELIVERED', now);
    await attempt(newDelivery, now);
    const newDecision = await decision(newNotice, newDelivery, now);

    const deleted = await sweepRetention(
      runtime,
      NOTIFIER_RETENTION_RULES,
      retentionCutoffs(now, policy),
    );

    expect(deleted['notifier.delivery']).toBeGreaterThanOrEqual(1);
    expect(deleted['notifier.disclosure_decision']).toBeGreaterThanOrEqual(1);

    expect(await deliveryHeld(oldDelivery)).toBe(false);
    expect(await attemptsOf(oldDelivery)).toBe(0);
    expect(await noticeHeld(oldNotice)).toBe(false);
    expect(await auditHeld(oldDecision)).toBe(true);

    expect(await deliveryHeld(midDelivery)).toBe(true);
    expect(await attemptsOf(midDelivery)).toBe(0);
    expect(await noticeHeld(midNotice)).toBe(true);

    expect(await deliveryHeld(pausedDelivery)).toBe(true);
    expect(await attemptsOf(pausedDelivery)).toBe(1);
    expect(await noticeHeld(pausedNotice)).toBe(true);
    expect(await auditHeld(pausedDecision)).toBe(true);

    expect(await auditHeld(ancientDecision)).toBe(false);

    expect(await deliveryHeld(newDelivery)).toBe(true);
    expect(await attemptsOf(newDelivery)).toBe(1);
    expect(await noticeHeld(newNotice)).toBe(true);
    expect(await auditHeld(newDecision)).toBe(true);
  });

  it('an old audit row waits for the delivery it audits, then goes with it', async () => {
    // Decided seven years ago about a delivery that was still held until now (a replayed one):
    // once the delivery goes, the next sweep may take the audit row; not before.
    const heldNotice = await notice(ago(7 * 365));
    const heldDelivery = await delivery(heldNotice, 'PAUSED', ago(7 * 365));
    const heldDecision = await decision(heldNotice, heldDelivery, ago(7 * 365));
    await sweepRetention(runtime, NOTIFIER_RETENTION_RULES, retentionCutoffs(now, policy));
    expect(await auditHeld(heldDecision)).toBe(true);

    await owner.rows(`UPDATE notifier.delivery SET status = 'DELIVERED' WHERE id = $1`, [
      heldDelivery,
    ]);
    await sweepRetention(runtime, NOTIFIER_RETENTION_RULES, retentionCutoffs(now, policy));
    expect(await deliveryHeld(heldDelivery)).toBe(false);
    expect(await noticeHeld(heldNotice)).toBe(false);
    expect(await auditHeld(heldDecision)).toBe(false);
  });

  it('the runtime role cannot delete from the audit except through the purge', async () => {
    const recent = await decision(randomUUID(), `msg_${randomUUID()}`, now);
    await expect(
      runtime.query('DELETE FROM notifier.disclosure_decision WHERE decision_id = $1', [recent]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      runtime.transaction(async (manager) => {
        await manager.query("SELECT set_config('throughcare.retention_purge', 'on', true)");
        await manager.query('DELETE FROM notifier.disclosure_decision WHERE decision_id = $1', [
          recent,
        ]);
      }),
    ).rejects.toThrow(/permission denied/);
    expect(await auditHeld(recent)).toBe(true);
  });
});
