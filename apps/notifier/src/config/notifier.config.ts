import { parseRetrySchedule } from '../delivery/retry-schedule';
import type { NotifierEnv } from './notifier.env';

export interface NotifierConfig {
  host: string;
  port: number;
  nodeEnv: string;
  logLevel: string;
  databaseUrl: string;
  redisUrl: string;
  bullPrefix: string;
  kafka: { brokers: string; topicPartitions: number; groupSuffix: string };
  secretKey: string;
  delivery: {
    retrySchedule: number[];
    timeoutMs: number;
    allowedHosts: string[];
    concurrency: number;
    reconcileIntervalMs: number;
  };
  outboxPollIntervalMs: number;
}

export const NOTIFIER_CONFIG = Symbol('NotifierConfig');

export function notifierConfigFromEnv(env: NotifierEnv): NotifierConfig {
  return {
    host: env.HOST,
    port: env.PORT,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    bullPrefix: env.BULL_PREFIX,
    kafka: { brokers: env.KAFKA_BROKERS, topicPartitions: env.KAFKA_TOPIC_PARTITIONS, groupSuffix: env.KAFKA_GROUP_SUFFIX },
    secretKey: env.HUB_SECRET_KEY,
    delivery: {
      retrySchedule: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim()).filter(Boolean),
      concurrency: env.DELIVERY_CONCURRENCY,
      reconcileIntervalMs: env.DELIVERY_RECONCILE_INTERVAL_MS,
    },
    outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
  };
}
