import {
  milestoneSettingsFromEnv,
  serviceConfigFromEnv,
  type ServiceConfig,
} from '@throughcare/service-config';

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

export function plannerConfigFromEnv(env: PlannerEnv): PlannerConfig {
  return {
    ...serviceConfigFromEnv(env),
    milestones: {
      ...milestoneSettingsFromEnv(env),
      reconcileIntervalMs: env.MILESTONE_RECONCILE_INTERVAL_MS,
      timerHorizonMs: env.MILESTONE_TIMER_HORIZON_MS,
    },
  };
}
