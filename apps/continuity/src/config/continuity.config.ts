import type { ContinuityEnv } from './continuity.env';

export interface ContinuityConfig {
  host: string;
  port: number;
  logLevel: string;
  databaseUrl: string;
  redisUrl: string;
  kafka: { brokers: string; topicPartitions: number; groupSuffix: string };
  outboxPollIntervalMs: number;
}

export const CONTINUITY_CONFIG = Symbol('ContinuityConfig');

export function continuityConfigFromEnv(env: ContinuityEnv): ContinuityConfig {
  return {
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    kafka: { brokers: env.KAFKA_BROKERS, topicPartitions: env.KAFKA_TOPIC_PARTITIONS, groupSuffix: env.KAFKA_GROUP_SUFFIX },
    outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
  };
}
