import { readFileSync } from 'node:fs';

import { bankHolidaySet, isCalendarDateList } from '@throughcare/calendar';

import type { PlannerEnv } from './planner.env';

export interface PlannerConfig {
  host: string;
  port: number;
  logLevel: string;
  databaseUrl: string;
  redisUrl: string;
  kafka: { brokers: string; topicPartitions: number; groupSuffix: string };
  milestones: { localTime: string; zone: string; bankHolidays: ReadonlySet<string>; pollIntervalMs: number };
  outboxPollIntervalMs: number;
}

export const PLANNER_CONFIG = Symbol('PlannerConfig');

function loadBankHolidays(file: string | undefined): ReadonlySet<string> {
  if (!file) return bankHolidaySet();
  const dates: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isCalendarDateList(dates)) throw new Error('BANK_HOLIDAYS_FILE: must hold a JSON array of YYYY-MM-DD dates');
  return bankHolidaySet(dates);
}

export function plannerConfigFromEnv(env: PlannerEnv): PlannerConfig {
  return {
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    kafka: { brokers: env.KAFKA_BROKERS, topicPartitions: env.KAFKA_TOPIC_PARTITIONS, groupSuffix: env.KAFKA_GROUP_SUFFIX },
    milestones: {
      localTime: env.MILESTONE_LOCAL_TIME,
      zone: env.MILESTONE_ZONE,
      bankHolidays: loadBankHolidays(env.BANK_HOLIDAYS_FILE),
      pollIntervalMs: env.MILESTONE_POLL_INTERVAL_MS,
    },
    outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
  };
}
