import { readFileSync } from 'node:fs';

import { bankHolidaySet, isCalendarDateList } from '@throughcare/calendar';
import { serviceConfigFromEnv, type ServiceConfig } from '@throughcare/service-config';

import type { PlannerEnv } from './planner.env';

export interface PlannerConfig extends ServiceConfig {
  milestones: {
    localTime: string;
    zone: string;
    bankHolidays: ReadonlySet<string>;
    reconcileIntervalMs: number;
    timerHorizonMs: number;
  };
}

export const PLANNER_CONFIG = Symbol('PlannerConfig');

function loadBankHolidays(file: string | undefined): ReadonlySet<string> {
  if (!file) return bankHolidaySet();
  const dates: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isCalendarDateList(dates))
    throw new Error('BANK_HOLIDAYS_FILE: must hold a JSON array of YYYY-MM-DD dates');
  return bankHolidaySet(dates);
}

export function plannerConfigFromEnv(env: PlannerEnv): PlannerConfig {
  return {
    ...serviceConfigFromEnv(env),
    milestones: {
      localTime: env.MILESTONE_LOCAL_TIME,
      zone: env.MILESTONE_ZONE,
      bankHolidays: loadBankHolidays(env.BANK_HOLIDAYS_FILE),
      reconcileIntervalMs: env.MILESTONE_RECONCILE_INTERVAL_MS,
      timerHorizonMs: env.MILESTONE_TIMER_HORIZON_MS,
    },
  };
}
