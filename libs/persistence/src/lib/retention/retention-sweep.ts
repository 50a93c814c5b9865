import type { DataSource, EntityManager } from 'typeorm';

import type { RetentionCutoffs } from './retention-policy';

/** One kind of row past its retention, and how to delete a batch of them. */
export interface RetentionRule {
  /** Names what it deletes, e.g. `notifier.delivery_attempt`; also the advisory lock's key. */
  name: string;
  /** Deletes at most `limit` rows past their cutoff; returns how many it deleted. */
  purge(manager: EntityManager, cutoffs: RetentionCutoffs, limit: number): Promise<number>;
}

export const RETENTION_BATCH = 500;
const MAX_BATCHES_PER_SWEEP = 200;

/**
 * One batch of one rule in its own transaction, under a transaction-scoped advisory lock so
 * that two instances of a service never sweep the same rows at once (the other skips).
 */
async function purgeBatch(
  dataSource: DataSource,
  rule: RetentionRule,
  cutoffs: RetentionCutoffs,
  limit: number,
): Promise<number | 'locked'> {
  return dataSource.transaction(async (manager) => {
    const [lock] = (await manager.query(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS acquired',
      [`retention:${rule.name}`],
    )) as { acquired: boolean }[];
    if (!lock?.acquired) return 'locked';
    return rule.purge(manager, cutoffs, limit);
  });
}

/**
 * Applies every rule, in order, batch after batch until a batch comes back short; returns how
 * many rows each rule deleted. Rows are the truth: a sweep that stops half-way (a crash, a
 * deploy) leaves nothing inconsistent, and the next one carries on.
 */
export async function sweepRetention(
  dataSource: DataSource,
  rules: readonly RetentionRule[],
  cutoffs: RetentionCutoffs,
  limit = RETENTION_BATCH,
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch += 1) {
      const count = await purgeBatch(dataSource, rule, cutoffs, limit);
      if (count === 'locked') break;
      total += count;
      if (count < limit) break;
    }
    deleted[rule.name] = total;
  }
  return deleted;
}
