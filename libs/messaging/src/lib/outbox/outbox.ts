import type { EntityManager } from 'typeorm';

import type { CloudEvent } from '@throughcare/contracts';
import { KafkaHeader } from '@throughcare/contracts';

import { assertSchemaName } from '../messaging.options';

export interface OutboxMessage {
  topic: string;
  /** Partition key: the prisonNumber, so that one person's events stay in order. */
  key: string;
  event: CloudEvent;
}

export function outboxChannel(schema: string): string {
  return `${assertSchemaName(schema)}_outbox`;
}

/**
 * Writes events to the outbox inside the caller's transaction: the state change and the events
 * it causes commit together or not at all (no dual writes).
 */
export async function writeOutbox(
  manager: EntityManager,
  schema: string,
  messages: OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const s = assertSchemaName(schema);
  const values: unknown[] = [];
  const rows = messages.map((message) => {
    const headers = message.event.correlationid
      ? { [KafkaHeader.CorrelationId]: message.event.correlationid }
      : {};
    values.push(message.topic, message.key, JSON.stringify(message.event), JSON.stringify(headers));
    const n = values.length;
    return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  values.push(outboxChannel(s));
  // One round trip for every row and the wake-up (it was one per row, then one more): the rows
  // take ids in the order given, so one person's events keep their order; the notification is
  // delivered at commit and wakes the relay without waiting for its next poll.
  await manager.query(
    `WITH written AS (INSERT INTO "${s}".outbox (topic, message_key, payload, headers)
       VALUES ${rows.join(', ')} RETURNING 1)
     SELECT pg_notify($${values.length}, '')`,
    values,
  );
}
