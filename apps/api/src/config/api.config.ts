import {
  docsPageEnabled,
  serviceConfigFromEnv,
  type ServiceConfig,
} from '@throughcare/service-config';

import { parseStaticHosts, staticHostsLookup, type HostLookup } from '@throughcare/webhooks';

import type { ApiEnv } from './api.env';

/** The API's configuration, built once from the validated environment. */
export interface ApiConfig extends ServiceConfig {
  /** HUB_ADMIN_KEY when set; keys issued through the API (and the first one) are in the database. */
  adminKey?: string;
  /** GET /v1/docs and /v1/openapi.json (HUB_DOCS_ENABLED; off in production unless set). */
  docsEnabled: boolean;
  secretKey: string;
  webhookAllowedHosts: string[];
  /** Resolves webhook hosts at registration: configured static hosts, then DNS. */
  webhookHostLookup: HostLookup;
  webhookSecretOverlapMs: number;
  /** GET /v1/measures: a milestone notice sent within this many seconds of its due time is on time. */
  measuresOnTimeGraceSeconds: number;
  rateLimits: RateLimitSettings;
  subscriptionsPerOrganisation: number;
  /** HTTP intake is refused (503) while the delivery backlog is over this. */
  intakeBacklogLimit: number;
  intakeRetryAfterSeconds: number;
}

/** Limits per minute, shared by every api instance through Redis (access-rules.md RATE-1..3). */
export interface RateLimitSettings {
  perKeyPerMinute: number;
  perAddressPerMinute: number;
  failedAuthPerMinute: number;
  failedAuthBlockSeconds: number;
}

const SECONDS = { s: 1, m: 60, h: 3600 } as const;

function durationSeconds(value: string): number {
  const unit = value.slice(-1) as keyof typeof SECONDS;
  return Number(value.slice(0, -1)) * SECONDS[unit];
}

export const API_CONFIG = Symbol('ApiConfig');

export function apiConfigFromEnv(env: ApiEnv): ApiConfig {
  return {
    ...serviceConfigFromEnv(env),
    adminKey: env.HUB_ADMIN_KEY,
    docsEnabled: docsPageEnabled(env.NODE_ENV, env.HUB_DOCS_ENABLED),
    secretKey: env.HUB_SECRET_KEY,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',')
      .map((h) => h.trim())
      .filter(Boolean),
    webhookHostLookup: staticHostsLookup(parseStaticHosts(env.WEBHOOK_STATIC_HOSTS)),
    webhookSecretOverlapMs: env.WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000,
    measuresOnTimeGraceSeconds: durationSeconds(env.MEASURES_ON_TIME_GRACE),
    rateLimits: {
      perKeyPerMinute: env.RATE_LIMIT_KEY_PER_MINUTE,
      perAddressPerMinute: env.RATE_LIMIT_ADDRESS_PER_MINUTE,
      failedAuthPerMinute: env.RATE_LIMIT_FAILED_AUTH_PER_MINUTE,
      failedAuthBlockSeconds: durationSeconds(env.RATE_LIMIT_FAILED_AUTH_BLOCK),
    },
    subscriptionsPerOrganisation: env.SUBSCRIPTIONS_PER_ORGANISATION,
    intakeBacklogLimit: env.INTAKE_BACKLOG_LIMIT,
    intakeRetryAfterSeconds: env.INTAKE_RETRY_AFTER_SECONDS,
  };
}
