import { deleteStatementRule, type RetentionRule } from '@throughcare/persistence';

/**
 * What continuity deletes: the continuity record of a person who has left custody and of whom
 * nothing was heard since the person-data cutoff, with the ids of the notices issued about them
 * (a reception resets left_custody, so someone back in custody is never purged).
 */
export const CONTINUITY_RETENTION_RULES: readonly RetentionRule[] = [
  deleteStatementRule(
    'continuity.person_continuity',
    `WITH doomed AS (
       SELECT c.prison_number FROM continuity.person_continuity c
        WHERE c.left_custody IS NOT NULL AND c.updated_at < $1
        ORDER BY c.updated_at LIMIT $2
        FOR UPDATE SKIP LOCKED),
     notices AS (
       DELETE FROM continuity.continuity_notice
        WHERE prison_number IN (SELECT prison_number FROM doomed))
     DELETE FROM continuity.person_continuity
      WHERE prison_number IN (SELECT prison_number FROM doomed)`,
    'personData',
  ),
];
