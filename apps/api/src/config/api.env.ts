import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, MinLength } from 'class-validator';

import { IsHubSecretKey, OptionalPostgresUrl, ServiceEnv } from '@throughcare/service-config';

export class ApiEnv extends ServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3000;

  /**
   * The api's own PostgreSQL role, which may touch only the api schema; required in
   * production. Unset elsewhere: DATABASE_URL as role throughcare_api, no password.
   */
  @OptionalPostgresUrl('API_DATABASE_URL') API_DATABASE_URL?: string;

  protected override runtimeDatabase() {
    return { service: 'api' as const, url: this.API_DATABASE_URL };
  }

  /**
   * An admin key held outside the database (tests, the demo, recovery). Unset, the first admin
   * key is created on first start (`npm run hub`) and kept only as its hash; an admin issues the
   * others through POST /v1/api-keys.
   */
  @IsOptional()
  @MinLength(32, { message: 'HUB_ADMIN_KEY must be at least 32 characters' })
  HUB_ADMIN_KEY?: string;

  /**
   * Serve the docs page (/v1/docs) and the OpenAPI document it reads (/v1/openapi.json). Unset:
   * served outside production, not in production (docs/configuration.md).
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'HUB_DOCS_ENABLED must be true or false' })
  HUB_DOCS_ENABLED?: string;

  /**
   * `false`: this process serves HTTP only and leaves the Kafka read models (deliveries,
   * disclosure audit, timelines, releases) to another api process started with `true`, so intake
   * never waits behind them (issue 13). Default `true`: one process does both.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'API_CONSUMES_EVENTS must be true or false' })
  API_CONSUMES_EVENTS: string = 'true';

  /** 32 random bytes, base64: seals subscription signing secrets. */
  @IsHubSecretKey() HUB_SECRET_KEY!: string;

  /** Hosts allowed for webhook URLs even though they are loopback or private (tests, demo). */
  @IsOptional()
  @Matches(/^[^\s]*$/, { message: 'WEBHOOK_ALLOWED_HOSTS must be a comma-separated list' })
  WEBHOOK_ALLOWED_HOSTS: string = '';

  /**
   * `name=ip,…` answered before DNS (like curl --resolve); the answers are vetted like DNS
   * answers, so an entry never opens a refused address. Tests use it instead of real DNS.
   */
  @IsOptional()
  @Matches(/^[^\s]*$/, {
    message: 'WEBHOOK_STATIC_HOSTS must be a comma-separated list of name=ip',
  })
  WEBHOOK_STATIC_HOSTS: string = '';

  /** How long the previous signing secret still signs after a rotation (Svix keeps it 24 h). */
  @Type(() => Number) @IsInt() @Min(0) @Max(24 * 7) WEBHOOK_SECRET_OVERLAP_HOURS: number = 24;

  /**
   * How long after it fell due a milestone notice still counts as notified on time in
   * GET /v1/measures (1 h; a demo on a fast simulated clock needs more).
   */
  @Matches(/^\d+(s|m|h)$/, { message: 'MEASURES_ON_TIME_GRACE must be a duration like 1h' })
  MEASURES_ON_TIME_GRACE: string = '1h';

  /**
   * Requests one API key may make per minute, across every api instance (held in Redis). High
   * enough for a prison system posting ~50 events a second with reads (access-rules.md RATE-1).
   */
  @Type(() => Number) @IsInt() @Min(1) RATE_LIMIT_KEY_PER_MINUTE: number = 60_000;

  /** Requests one client address may make per minute, authenticated or not (RATE-2). */
  @Type(() => Number) @IsInt() @Min(1) RATE_LIMIT_ADDRESS_PER_MINUTE: number = 120_000;

  /** Failed authentications (no, unknown or revoked key) one address may make per minute (RATE-3). */
  @Type(() => Number) @IsInt() @Min(1) RATE_LIMIT_FAILED_AUTH_PER_MINUTE: number = 20;

  /** How long an address that exceeded RATE_LIMIT_FAILED_AUTH_PER_MINUTE is refused (RATE-3). */
  @Matches(/^\d+(s|m|h)$/, { message: 'RATE_LIMIT_FAILED_AUTH_BLOCK must be a duration like 5m' })
  RATE_LIMIT_FAILED_AUTH_BLOCK: string = '5m';

  /** Webhook subscriptions one organisation may hold (RATE-4). */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) SUBSCRIPTIONS_PER_ORGANISATION: number = 20;

  /**
   * HTTP intake answers 503 with Retry-After while the delivery backlog (notices the notifier has
   * not taken plus deliveries waiting for a worker) is over this, rather than growing its latency.
   */
  @Type(() => Number) @IsInt() @Min(0) INTAKE_BACKLOG_LIMIT: number = 20_000;

  /** The Retry-After (seconds) of that 503. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3_600) INTAKE_RETRY_AFTER_SECONDS: number = 5;
}
