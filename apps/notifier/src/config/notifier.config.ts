import { bankHolidaySet, parseWorkingHours } from '@throughcare/calendar';
import { serviceConfigFromEnv, type ServiceConfig } from '@throughcare/service-config';

import { parseStaticHosts, staticHostsLookup, type HostLookup } from '@throughcare/webhooks';

import { parseRetrySchedule } from '../delivery/retry-schedule';
import type { DeadlineSettings } from '../escalation/acknowledgement-deadline';
import type { NotifierEnv } from './notifier.env';

export interface NotifierConfig extends ServiceConfig {
  secretKey: string;
  delivery: {
    retrySchedule: number[];
    timeoutMs: number;
    allowedHosts: string[];
    /** Resolves webhook hosts before each attempt: configured static hosts, then DNS. */
    hostLookup: HostLookup;
    concurrency: number;
    reconcileIntervalMs: number;
    endpointConcurrency: number;
    /** An endpoint slot held by a process that stopped renewing it is free after this long. */
    endpointLeaseTtlMs: number;
    endpointDisableAfterMs: number;
  };
  /** The bounded wait for the consent copy to reach a notice's consent version. */
  consentReplicaWaitMs: number;
  email: {
    smtpUrl: string | undefined;
    from: string;
    requireTls: boolean;
  };
  /** Acknowledgement deadlines and the escalation ladder (ACK-02, ACK-04). */
  escalation: {
    deadlines: DeadlineSettings;
    stepAfterMs: number;
    pollIntervalMs: number;
  };
}

export const NOTIFIER_CONFIG = Symbol('NotifierConfig');

export function notifierConfigFromEnv(env: NotifierEnv): NotifierConfig {
  return {
    ...serviceConfigFromEnv(env),
    secretKey: env.HUB_SECRET_KEY,
    delivery: {
      retrySchedule: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      hostLookup: staticHostsLookup(parseStaticHosts(env.WEBHOOK_STATIC_HOSTS)),
      concurrency: env.DELIVERY_CONCURRENCY,
      reconcileIntervalMs: env.DELIVERY_RECONCILE_INTERVAL_MS,
      endpointConcurrency: env.ENDPOINT_CONCURRENCY,
      endpointLeaseTtlMs: env.ENDPOINT_LEASE_TTL_MS,
      endpointDisableAfterMs: parseRetrySchedule(env.ENDPOINT_DISABLE_AFTER)[0] ?? 0,
    },
    consentReplicaWaitMs: env.CONSENT_REPLICA_WAIT_MS,
    email: {
      smtpUrl: env.SMTP_URL,
      from: env.SMTP_FROM,
      requireTls: env.NODE_ENV === 'production',
    },
    escalation: {
      deadlines: {
        unplannedWithinMs: parseRetrySchedule(env.ACK_UNPLANNED_WITHIN)[0] ?? 0,
        releaseDayDeadlineTime: env.ACK_RELEASE_DAY_DEADLINE,
        workingHours: {
          ...parseWorkingHours(env.ACK_WORKING_HOURS),
          zone: 'Europe/London',
          bankHolidays: bankHolidaySet(),
        },
      },
      stepAfterMs: parseRetrySchedule(env.ESCALATION_STEP_AFTER)[0] ?? 0,
      pollIntervalMs: env.ESCALATION_POLL_INTERVAL_MS,
    },
  };
}
