import { deleteStatementRule, type RetentionRule } from '@throughcare/persistence';

// Each statement deletes at most $2 rows older than the person-data cutoff ($1), as the other
// services' sweeps do (docs/security/database-roles-and-retention.md).
function olderThan(table: string, column: string, extra = ''): RetentionRule {
  return deleteStatementRule(
    `hmpps_adapter.${table}`,
    `DELETE FROM hmpps_adapter.${table} WHERE ctid IN (
       SELECT ctid FROM hmpps_adapter.${table} WHERE ${column} < $1 ${extra}
        ORDER BY ${column} LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    'personData',
  );
}

/**
 * What the adapter deletes once older than RETENTION_PERSON_DATA_DAYS: its timeline rows, the
 * unknown events it kept, decided court candidacies, last-known positions and releases told. Every row names
 * a person by prison number; none is needed once the hub's own record of them has gone.
 */
export const HMPPS_ADAPTER_RETENTION_RULES: readonly RetentionRule[] = [
  olderThan('handled_message', 'handled_at'),
  olderThan('unknown_event', 'received_at'),
  olderThan('court_candidate', 'sent_at', "AND status <> 'OPEN'"),
  olderThan('custody_position', 'occurred_at'),
  olderThan('provisional_release', 'released_at'),
];
