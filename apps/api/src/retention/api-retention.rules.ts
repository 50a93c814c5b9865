import {
  deleteStatementRule,
  purgeFunctionRule,
  type RetentionRule,
} from '@throughcare/persistence';

/**
 * What the API deletes, in this order, so that one sweep can take a person, then the audit rows
 * that outlived them. The rules themselves are the purge functions of migration
 * 1765000000000-RetentionPurge (the append-only tables are theirs alone to delete from).
 */
export const API_RETENTION_RULES: readonly RetentionRule[] = [
  // Finished deliveries (the API's copy) and the replay requests made of them.
  purgeFunctionRule('api.delivery', 'api.purge_finished_deliveries', 'delivery'),
  // A released person heard nothing of since the cutoff: every row about them.
  purgeFunctionRule('api.person', 'api.purge_released_people', 'personData'),
  // The audit's copy, once neither its delivery nor the person is held.
  purgeFunctionRule('api.disclosure_record', 'api.purge_disclosure_records', 'audit'),
  // Stored answers to Idempotency-Keys: a retry after this is a new write.
  deleteStatementRule(
    'api.idempotency_key',
    `DELETE FROM api.idempotency_key WHERE (caller, key) IN (
       SELECT caller, key FROM api.idempotency_key WHERE created_at < $1
        ORDER BY created_at LIMIT $2)`,
    'idempotency',
  ),
];
