import type { MilestoneSettings } from '@throughcare/calendar';
import {
  milestoneSettingsFromEnv,
  serviceConfigFromEnv,
  type ServiceConfig,
} from '@throughcare/service-config';

import type { ContinuityEnv } from './continuity.env';

export interface ContinuityConfig extends ServiceConfig {
  milestones: MilestoneSettings;
}

export const CONTINUITY_CONFIG = Symbol('ContinuityConfig');

export function continuityConfigFromEnv(env: ContinuityEnv): ContinuityConfig {
  return { ...serviceConfigFromEnv(env), milestones: milestoneSettingsFromEnv(env) };
}
