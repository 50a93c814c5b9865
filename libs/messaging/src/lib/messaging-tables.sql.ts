import { assertSchemaName } from './messaging.options';

/** DDL for a service's outbox and inbox; each service's first migration runs it. */
export function messagingTablesUp(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE "${s}".outbox (
       id bigserial PRIMARY KEY,
       topic text NOT NULL,
       message_key text NOT NULL,
       payload jsonb NOT NULL,
       headers jsonb NOT NULL DEFAULT '{}'::jsonb,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE "${s}".inbox (
       consumer text NOT NULL,
       event_id text NOT NULL,
       topic text NOT NULL,
       processed_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, event_id)
     )`,
  ];
}

export function messagingTablesDown(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [`DROP TABLE "${s}".inbox`, `DROP TABLE "${s}".outbox`];
}
