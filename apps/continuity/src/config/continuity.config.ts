import { serviceConfigFromEnv, type ServiceConfig } from '@throughcare/service-config';

import type { ContinuityEnv } from './continuity.env';

export type ContinuityConfig = ServiceConfig;

export const CONTINUITY_CONFIG = Symbol('ContinuityConfig');

export function continuityConfigFromEnv(env: ContinuityEnv): ContinuityConfig {
  return serviceConfigFromEnv(env);
}
