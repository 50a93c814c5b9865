import type { FieldKeySettings } from './field-protection/field-keyring';

export interface MessagingOptions {
  /** The service name: Kafka client id, consumer group and inbox consumer name. */
  serviceName: string;
  /** The PostgreSQL schema that holds this service's outbox and inbox. */
  schema: string;
  brokers: string;
  topicPartitions: number;
  outboxPollIntervalMs?: number;
  /** retention.ms of the `.dlq` topics; unset leaves the broker's default. */
  dlqRetentionMs?: number;
  /** The keys sealing clinical and identifying fields on every topic (field-protection/). */
  fieldKeys: FieldKeySettings;
}

export const MESSAGING_OPTIONS = Symbol('MessagingOptions');

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,30}$/;

/** Schema names are interpolated into SQL, so only plain identifiers are accepted. */
export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  return schema;
}
