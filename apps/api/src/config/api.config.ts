import type { ApiEnv } from './api.env';

/** The API's configuration, built once from the validated environment. */
export interface ApiConfig {
  serviceName: 'api';
  host: string;
  port: number;
  nodeEnv: string;
  logLevel: string;
  databaseUrl: string;
  redisUrl: string;
  kafka: { brokers: string; topicPartitions: number; groupSuffix: string };
  adminKey: string;
  secretKey: string;
  webhookAllowedHosts: string[];
  outboxPollIntervalMs: number;
}

export const API_CONFIG = Symbol('ApiConfig');

export function apiConfigFromEnv(env: ApiEnv): ApiConfig {
  return {
    serviceName: 'api',
    host: env.HOST,
    port: env.PORT,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    kafka: { brokers: env.KAFKA_BROKERS, topicPartitions: env.KAFKA_TOPIC_PARTITIONS, groupSuffix: env.KAFKA_GROUP_SUFFIX },
    adminKey: env.HUB_ADMIN_KEY,
    secretKey: env.HUB_SECRET_KEY,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim()).filter(Boolean),
    outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
  };
}
