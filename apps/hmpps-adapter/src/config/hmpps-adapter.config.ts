import { readFileSync } from 'node:fs';

import { serviceConfigFromEnv, type ServiceConfig } from '@throughcare/service-config';

import type { HmppsAdapterEnv } from './hmpps-adapter.env';

export interface PrisonerSearchConfig {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface HmppsAdapterConfig extends ServiceConfig {
  hub: { apiUrl: string; apiKey: string };
  sns: { topicArns: ReadonlySet<string>; certHostPattern: RegExp; certCa?: string };
  kafkaTopic?: string;
  prisonerSearch?: PrisonerSearchConfig;
  releaseAreas: ReadonlyMap<string, string>;
}

export const HMPPS_ADAPTER_CONFIG = Symbol('HmppsAdapterConfig');

function list(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

export function hmppsAdapterConfigFromEnv(env: HmppsAdapterEnv): HmppsAdapterConfig {
  const search =
    env.PRISONER_SEARCH_URL && env.HMPPS_AUTH_TOKEN_URL && env.HMPPS_AUTH_CLIENT_ID
      ? {
          baseUrl: env.PRISONER_SEARCH_URL.replace(/\/$/, ''),
          tokenUrl: env.HMPPS_AUTH_TOKEN_URL,
          clientId: env.HMPPS_AUTH_CLIENT_ID,
          clientSecret: env.HMPPS_AUTH_CLIENT_SECRET ?? '',
        }
      : undefined;
  return {
    ...serviceConfigFromEnv(env),
    hub: { apiUrl: env.HUB_API_URL.replace(/\/$/, ''), apiKey: env.HUB_API_KEY },
    sns: {
      topicArns: new Set(list(env.HMPPS_SNS_TOPIC_ARNS)),
      certHostPattern: new RegExp(env.HMPPS_SNS_CERT_HOST_PATTERN),
      certCa: env.HMPPS_SNS_CERT_CA_FILE
        ? readFileSync(env.HMPPS_SNS_CERT_CA_FILE, 'utf8')
        : undefined,
    },
    kafkaTopic: env.HMPPS_KAFKA_TOPIC,
    prisonerSearch: search,
    releaseAreas: new Map(
      list(env.HMPPS_RELEASE_AREAS).map((entry) => entry.split(':') as [string, string]),
    ),
  };
}
