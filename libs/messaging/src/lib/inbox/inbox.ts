import type { EntityManager } from 'typeorm';

import { assertSchemaName } from '../messaging.options';

/**
 * Records that `consumer` processed `eventId`, in the caller's transaction. Returns false when
 * it already had: the caller then skips the effect (the same eventId twice is processed once).
 */
export async function claimInboxEntry(
  manager: EntityManager,
  schema: string,
  consumer: string,
  eventId: string,
  topic: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${assertSchemaName(schema)}".inbox (consumer, event_id, topic) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventId, topic],
  );
  return rows.length === 1;
}
