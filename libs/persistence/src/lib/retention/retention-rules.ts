import type { EntityManager } from 'typeorm';

import type { RetentionCutoffs } from './retention-policy';
import type { RetentionRule } from './retention-sweep';

const FUNCTION_NAME = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/**
 * A rule kept in SQL: `fn(before timestamptz, max_rows integer) RETURNS integer`, a purge function
 * a migration created (SECURITY DEFINER where it deletes from append-only tables).
 */
export function purgeFunctionRule(
  name: string,
  fn: string,
  cutoff: keyof RetentionCutoffs,
): RetentionRule {
  if (!FUNCTION_NAME.test(fn)) throw new Error(`invalid purge function ${JSON.stringify(fn)}`);
  return {
    name,
    purge: async (manager, cutoffs, limit) => {
      const [row] = (await manager.query(`SELECT ${fn}($1, $2) AS purged`, [
        cutoffs[cutoff],
        limit,
      ])) as { purged: number }[];
      return Number(row?.purged ?? 0);
    },
  };
}

/**
 * A rule as one DELETE statement (it may start with a WITH) whose `$1` is the cutoff and `$2`
 * the batch size; returns how many rows its final DELETE removed.
 */
export function deleteStatementRule(
  name: string,
  deleteStatement: string,
  cutoff: keyof RetentionCutoffs,
): RetentionRule {
  return {
    name,
    purge: async (manager: EntityManager, cutoffs, limit) => {
      // TypeORM answers a DELETE with [rows, rowCount].
      const result = (await manager.query(deleteStatement, [cutoffs[cutoff], limit])) as unknown;
      return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
    },
  };
}

/** What a service logs of a sweep: counts per rule when anything went, never a row's content. */
export function describeSweep(
  outcome: { deleted: Record<string, number> } | { error: Error },
): { level: 'log' | 'warn'; message: string } | undefined {
  if ('error' in outcome)
    return { level: 'warn', message: `retention sweep failed: ${outcome.error.message}` };
  const deleted = Object.entries(outcome.deleted).filter(([, count]) => count > 0);
  if (deleted.length === 0) return undefined;
  const counts = deleted.map(([rule, count]) => `${rule}=${count}`).join(' ');
  return { level: 'log', message: `retention sweep deleted ${counts}` };
}
