import {
  deleteStatementRule,
  purgeFunctionRule,
  type RetentionRule,
} from '@throughcare/persistence';

// A delivery still waiting, retrying, paused or being replayed is never touched; one stood down
// (REL-07) is finished.
const FINISHED = `d.status IN ('DELIVERED', 'FAILED', 'WITHHELD', 'STOOD_DOWN') AND NOT d.replaying`;

/**
 * What the notifier deletes, in this order: attempts, then finished deliveries (with any
 * attempts left), then notice bodies no delivery needs, then the audit of what is gone. The audit
 * rule is a purge function (migration 1765000000100-RetentionPurge): the audit is append-only.
 */
export const NOTIFIER_RETENTION_RULES: readonly RetentionRule[] = [
  deleteStatementRule(
    'notifier.delivery_attempt',
    `DELETE FROM notifier.delivery_attempt WHERE id IN (
       SELECT a.id FROM notifier.delivery_attempt a JOIN notifier.delivery d ON d.id = a.delivery_id
        WHERE a.started_at < $1 AND ${FINISHED}
        ORDER BY a.id LIMIT $2)`,
    'deliveryAttempt',
  ),
  deleteStatementRule(
    'notifier.delivery',
    // The attempts go in the same statement: the foreign key is checked at its end.
    `WITH doomed AS (
       SELECT d.id FROM notifier.delivery d
        WHERE d.created_at < $1 AND ${FINISHED}
        ORDER BY d.created_at LIMIT $2
        FOR UPDATE SKIP LOCKED),
     attempts AS (
       DELETE FROM notifier.delivery_attempt WHERE delivery_id IN (SELECT id FROM doomed))
     DELETE FROM notifier.delivery WHERE id IN (SELECT id FROM doomed)`,
    'delivery',
  ),
  deleteStatementRule(
    'notifier.notice',
    // The notice body is what carries personal data; it goes once no delivery needs it.
    `DELETE FROM notifier.notice WHERE id IN (
       SELECT n.id FROM notifier.notice n
        WHERE n.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM notifier.delivery d WHERE d.notice_id = n.id)
          AND NOT EXISTS (SELECT 1 FROM notifier.notice_awaiting_consent w WHERE w.notice_id = n.id)
        ORDER BY n.created_at LIMIT $2)`,
    'delivery',
  ),
  purgeFunctionRule('notifier.disclosure_decision', 'notifier.purge_disclosure_audit', 'audit'),
];
