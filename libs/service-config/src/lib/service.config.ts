import { daysToMs, type RetentionPolicy } from '@throughcare/persistence';

import type { ServiceEnv } from './service.env';

/** The part of every service's typed configuration that comes from ServiceEnv. */
export interface ServiceConfig {
  host: string;
  port: number;
  nodeEnv: string;
  logLevel: string;
  /** The service's runtime URL (its own role), not the migration one. */
  databaseUrl: string;
  redisUrl: string;
  bullPrefix: string;
  kafka: {
    brokers: string;
    topicPartitions: number;
    groupSuffix: string;
    /** The keys sealing clinical and identifying fields on every topic. */
    fieldKeys: { currentKeyId: string; keys: string };
    /** retention.ms of the `.dlq` topics (RETENTION_DLQ_DAYS). */
    dlqRetentionMs: number;
  };
  outboxPollIntervalMs: number;
  /** How long rows are kept; each service sweeps its own (RETENTION_*). */
  retention: RetentionPolicy;
}

export function serviceConfigFromEnv(env: ServiceEnv): ServiceConfig {
  return {
    host: env.HOST,
    port: env.PORT,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.runtimeDatabaseUrl(),
    redisUrl: env.REDIS_URL,
    bullPrefix: env.BULL_PREFIX,
    kafka: {
      brokers: env.KAFKA_BROKERS,
      topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
      groupSuffix: env.KAFKA_GROUP_SUFFIX,
      fieldKeys: { currentKeyId: env.HUB_FIELD_KEY_ID, keys: env.HUB_FIELD_KEYS },
      dlqRetentionMs: daysToMs(env.RETENTION_DLQ_DAYS),
    },
    outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
    retention: env.retentionPolicy(),
  };
}
