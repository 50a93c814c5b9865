import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { IsHubSecretKey, OptionalPostgresUrl, ServiceEnv } from '@throughcare/service-config';

export class NotifierEnv extends ServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3103;

  /**
   * The notifier's own PostgreSQL role, which may touch only the notifier schema; required in
   * production. Unset elsewhere: DATABASE_URL as role throughcare_notifier, no password.
   */
  @OptionalPostgresUrl('NOTIFIER_DATABASE_URL') NOTIFIER_DATABASE_URL?: string;

  protected override runtimeDatabase() {
    return { service: 'notifier' as const, url: this.NOTIFIER_DATABASE_URL };
  }

  /** 32 random bytes, base64: opens the subscription signing secrets the API sealed. */
  @IsHubSecretKey() HUB_SECRET_KEY!: string;

  /**
   * Delays between attempts, e.g. `5s,5m,30m,2h,5h,10h,10h` (the Svix schedule, over 24 hours:
   * the default). Tests compress it: `200ms,400ms`.
   */
  @Matches(/^\d+(ms|s|m|h)(,\d+(ms|s|m|h))*$/, {
    message: 'WEBHOOK_RETRY_SCHEDULE must be a list like 5s,5m,30m,2h',
  })
  WEBHOOK_RETRY_SCHEDULE: string = '5s,5m,30m,2h,5h,10h,10h';

  @Type(() => Number) @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Hosts a webhook may point at even though they are loopback or private (tests, demo). */
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

  @Type(() => Number) @IsInt() @Min(1) @Max(200) DELIVERY_CONCURRENCY: number = 10;

  @Type(() => Number) @IsInt() @Min(1_000) @Max(3_600_000) DELIVERY_RECONCILE_INTERVAL_MS: number =
    60_000;

  /** Requests in flight to one endpoint at most, so that a slow subscriber never holds every worker. */
  @Type(() => Number) @IsInt() @Min(1) @Max(50) ENDPOINT_CONCURRENCY: number = 2;

  /**
   * Each request in flight holds a lease on one of its endpoint's slots, renewed by its process
   * every third of this; a process killed mid-request frees its slots after this long.
   */
  @Type(() => Number) @IsInt() @Min(1_000) @Max(60_000) ENDPOINT_LEASE_TTL_MS: number = 5_000;

  /**
   * How long a notice waits for the notifier's copy of consent to reach the version the API had
   * acknowledged when it accepted the notice's cause (issue 13); then it is decided under the
   * consent on record, and a later consent that allows the recipient sends it late, once.
   */
  @Type(() => Number) @IsInt() @Min(100) @Max(3_600_000) CONSENT_REPLICA_WAIT_MS: number = 30_000;

  /**
   * An endpoint failing without a single success for this long is disabled and its SPOC told;
   * its notices wait (PAUSED) until it is enabled again. Svix uses five days.
   */
  @Matches(/^\d+(ms|s|m|h)$/, { message: 'ENDPOINT_DISABLE_AFTER must be a duration like 120h' })
  ENDPOINT_DISABLE_AFTER: string = '120h';

  /**
   * The secure e-mail relay (e.g. an NHSmail or CJSM gateway): `smtps://user:pass@host:465` or
   * `smtp://host:587` (STARTTLS is then required when NODE_ENV=production). Unset: e-mail
   * deliveries fail visibly, naming this variable.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^.+@.+$/, { message: 'SMTP_FROM must contain an address' })
  SMTP_FROM: string = 'Throughcare Hub <notices@throughcare-hub.invalid>';

  /** ACK-02: working time an unplanned release has to be ACCEPTED in, e.g. `60m`. */
  @Matches(/^\d+(ms|s|m|h)$/, { message: 'ACK_UNPLANNED_WITHIN must be a duration like 60m' })
  ACK_UNPLANNED_WITHIN: string = '60m';

  /** ACK-02: the working hours that working time counts in (Europe/London, working days). */
  @Matches(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, {
    message: 'ACK_WORKING_HOURS must look like 09:00-17:00',
  })
  ACK_WORKING_HOURS: string = '09:00-17:00';

  /** ACK-02: the local time on the release day by which "before the release day" falls. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, {
    message: 'ACK_RELEASE_DAY_DEADLINE must look like 00:00',
  })
  ACK_RELEASE_DAY_DEADLINE: string = '00:00';

  /** ACK-04: hub-clock time between one escalation step and the next, e.g. `60m`. */
  @Matches(/^\d+(ms|s|m|h)$/, { message: 'ESCALATION_STEP_AFTER must be a duration like 60m' })
  ESCALATION_STEP_AFTER: string = '60m';

  /** How often (real milliseconds) the notifier looks for deadlines and steps that fell due. */
  @Type(() => Number) @IsInt() @Min(100) @Max(600_000) ESCALATION_POLL_INTERVAL_MS: number = 5_000;
}
