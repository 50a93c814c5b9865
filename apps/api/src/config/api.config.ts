import { serviceConfigFromEnv, type ServiceConfig } from '@throughcare/service-config';

import type { ApiEnv } from './api.env';

/** The API's configuration, built once from the validated environment. */
export interface ApiConfig extends ServiceConfig {
  adminKey: string;
  secretKey: string;
  webhookAllowedHosts: string[];
}

export const API_CONFIG = Symbol('ApiConfig');

export function apiConfigFromEnv(env: ApiEnv): ApiConfig {
  return {
    ...serviceConfigFromEnv(env),
    adminKey: env.HUB_ADMIN_KEY,
    secretKey: env.HUB_SECRET_KEY,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  };
}
