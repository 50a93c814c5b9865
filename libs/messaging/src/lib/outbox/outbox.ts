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
 * it causes commit together or not at all (architecture.md, no dual writes).
 */
export async function writeOutbox(
  manager: EntityManager,
  schema: string,
  messages: OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const s = assertSchemaName(schema);
  for (const message of messages) {
    const headers = message.event.correlationid
      ? { [KafkaHeader.CorrelationId]: message.event.correlationid }
      : {};
    await manager.query(
      `INSERT INTO "${s}".outbox (topic, message_key, payload, headers) VALUES ($1, $2, $3, $4)`,
      [message.topic, message.key, JSON.stringify(message.event), JSON.stringify(headers)],
    );
  }
  // Delivered at commit: wakes the relay without waiting for its next poll.
  await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(s), '']);
}
