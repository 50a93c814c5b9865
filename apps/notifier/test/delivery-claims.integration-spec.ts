import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { uniquePrisonNumber } from '@throughcare/testing';

import { notifierDataSourceOptions } from '../src/database/notifier.data-source';
import { claimAttempts } from '../src/delivery/delivery-ledger';

/*
 * One attempt at a time per delivery, whoever asks (issue 13): the notifier sends a notice's
 * first attempts itself, the queue's workers send retries, and a reconciler may re-arm a timer
 * for a delivery already in flight. Claims against the real PostgreSQL decide who sends.
 */
describe('delivery attempt claims (real PostgreSQL)', () => {
  let dataSource: DataSource;
  const second = 1_000;

  async function pendingDelivery(attempts = 0, nextAttemptAt: Date | null = new Date()) {
    const noticeId = randomUUID();
    await dataSource.query(
      `INSERT INTO notifier.notice (id, type, prison_number, content, created_at)
       VALUES ($1, 'throughcare.notice.release.two-day', $2, '{}'::jsonb, now())`,
      [noticeId, uniquePrisonNumber()],
    );
    const id = `msg_${randomUUID().replace(/-/g, '')}`;
    await dataSource.query(
      `INSERT INTO notifier.delivery (id, notice_id, organisation_id, recipient_role, status,
         attempts, next_attempt_at, created_at)
       VALUES ($1, $2, 'claims-test-org', 'CJIT', 'PENDING', $3, $4, now())`,
      [id, noticeId, attempts, nextAttemptAt],
    );
    return { id, attempts };
  }

  const claim = (
    deliveries: Array<{ id: string; attempts: number }>,
    at = Date.now(),
    holdMs = 25 * second,
  ) =>
    dataSource.transaction((manager) =>
      claimAttempts(manager, deliveries, new Date(at + 5 * second), new Date(at + holdMs)),
    );

  beforeAll(async () => {
    dataSource = new DataSource(notifierDataSourceOptions(process.env['DATABASE_URL']!));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('gives a delivery to one of two concurrent attempts, never both', async () => {
    const deliveries = await Promise.all(Array.from({ length: 20 }, () => pendingDelivery()));
    for (const delivery of deliveries) {
      const [a, b] = await Promise.all([claim([delivery]), claim([delivery])]);
      expect(a.size + b.size).toBe(1);
    }
  });

  it('claims a notice’s deliveries together and leaves out the ones another attempt holds', async () => {
    const free = await pendingDelivery();
    const held = await pendingDelivery();
    expect(await claim([held])).toEqual(new Set([held.id]));
    expect(await claim([free, held])).toEqual(new Set([free.id]));
  });

  it('refuses an attempt already made (a stale timer) and one not yet due', async () => {
    const retried = await pendingDelivery(1);
    expect(await claim([{ id: retried.id, attempts: 0 }])).toEqual(new Set());
    const later = await pendingDelivery(1, new Date(Date.now() + 60 * second));
    expect(await claim([later])).toEqual(new Set());
    expect(await claim([retried])).toEqual(new Set([retried.id]));
  });

  it('lets a claim whose owner died lapse, so the delivery is attempted again', async () => {
    const delivery = await pendingDelivery();
    const now = Date.now();
    expect(await claim([delivery], now, 8 * second)).toEqual(new Set([delivery.id]));
    expect(await claim([delivery], now + 1 * second)).toEqual(new Set());
    // Due again once the claim has run out (checked as of a later instant).
    expect(await claim([delivery], now + 10 * second)).toEqual(new Set([delivery.id]));
  });

  it('never claims a delivery that is no longer pending', async () => {
    const delivery = await pendingDelivery();
    await dataSource.query(`UPDATE notifier.delivery SET status = 'DELIVERED' WHERE id = $1`, [
      delivery.id,
    ]);
    expect(await claim([delivery])).toEqual(new Set());
  });
});
