import { deleteStatementRule, type RetentionRule } from '@throughcare/persistence';

/**
 * What the planner deletes: a release plan (and its milestones) whose release date and last
 * change are older than the person-data cutoff, once no milestone of it is still pending.
 */
export const PLANNER_RETENTION_RULES: readonly RetentionRule[] = [
  deleteStatementRule(
    'planner.release_plan',
    // The milestones go in the same statement: the foreign key is checked at its end.
    `WITH doomed AS (
       SELECT p.prison_number FROM planner.release_plan p
        WHERE p.release_date < $1::date AND p.updated_at < $1
          AND NOT EXISTS (SELECT 1 FROM planner.milestone m
                           WHERE m.prison_number = p.prison_number AND m.status = 'PENDING')
        ORDER BY p.release_date LIMIT $2
        FOR UPDATE SKIP LOCKED),
     milestones AS (
       DELETE FROM planner.milestone WHERE prison_number IN (SELECT prison_number FROM doomed))
     DELETE FROM planner.release_plan WHERE prison_number IN (SELECT prison_number FROM doomed)`,
    'personData',
  ),
];
