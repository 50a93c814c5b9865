import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { OptionalPostgresUrl, ServiceEnv } from '@throughcare/service-config';

import { DEFAULT_SNS_HOST_PATTERN } from '../sns/sns-message';

const HTTP_URL = /^https?:\/\/[^\s?#]+$/;
const TOPIC_ARN_LIST =
  /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+(,arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+)*$/;

/** The adapter's settings (docs/hmpps-adapter.md, "Configuration"). */
export class HmppsAdapterEnv extends ServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3104;

  /** The adapter's own PostgreSQL role, confined to the hmpps_adapter schema. */
  @OptionalPostgresUrl('HMPPS_ADAPTER_DATABASE_URL') HMPPS_ADAPTER_DATABASE_URL?: string;

  protected override runtimeDatabase() {
    return { service: 'hmpps_adapter' as const, url: this.HMPPS_ADAPTER_DATABASE_URL };
  }

  /** The hub's HTTP API, where the adapter reports movements as a prison system would. */
  @Matches(HTTP_URL, { message: 'HUB_API_URL must be an http(s) URL without a query' })
  HUB_API_URL!: string;

  /** The adapter's own `prison` API key, bound to the establishments it serves (HMPPS-6). */
  @IsString() @MinLength(16, { message: 'HUB_API_KEY must be a hub API key' }) HUB_API_KEY!: string;

  /** SNS topics whose notifications are accepted; any other TopicArn is refused (HMPPS-4). */
  @IsOptional()
  @Matches(TOPIC_ARN_LIST, {
    message: 'HMPPS_SNS_TOPIC_ARNS must be comma-separated SNS topic ARNs',
  })
  HMPPS_SNS_TOPIC_ARNS?: string;

  /** Hosts the SNS signing certificate and SubscribeURL may come from (a regular expression). */
  @IsString() @MaxLength(200) HMPPS_SNS_CERT_HOST_PATTERN: string = DEFAULT_SNS_HOST_PATTERN;

  /** A PEM file of extra certificate authorities for that host (tests: a loopback host). */
  @IsOptional() @IsString() @MaxLength(500) HMPPS_SNS_CERT_CA_FILE?: string;

  /** A Kafka topic carrying HMPPS events, for sites that bridge them themselves. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'HMPPS_KAFKA_TOPIC must be a topic name' })
  HMPPS_KAFKA_TOPIC?: string;

  /** Prisoner Search and HMPPS Auth (OAuth2 client credentials); unset: no release dates. */
  @IsOptional()
  @Matches(HTTP_URL, { message: 'PRISONER_SEARCH_URL must be an http(s) URL without a query' })
  PRISONER_SEARCH_URL?: string;

  @IsOptional()
  @Matches(HTTP_URL, { message: 'HMPPS_AUTH_TOKEN_URL must be an http(s) URL without a query' })
  HMPPS_AUTH_TOKEN_URL?: string;

  @IsOptional() @IsString() @MaxLength(200) HMPPS_AUTH_CLIENT_ID?: string;

  @IsOptional() @IsString() @MaxLength(500) HMPPS_AUTH_CLIENT_SECRET?: string;

  /**
   * `MDI:E08000035,...`: the local authority a prison's releases are planned to until the
   * person's own is recorded (Prisoner Search holds none). A prison without one gets no
   * release posted by the adapter.
   */
  @IsOptional()
  @Matches(/^[A-Z]{3}:[EW][0-9]{8}(,[A-Z]{3}:[EW][0-9]{8})*$/, {
    message: 'HMPPS_RELEASE_AREAS must be PRISON:localAuthorityCode[,...]',
  })
  HMPPS_RELEASE_AREAS?: string;

  override crossCheck(): string[] {
    const problems = [...super.crossCheck()];
    try {
      new RegExp(this.HMPPS_SNS_CERT_HOST_PATTERN);
    } catch {
      problems.push('HMPPS_SNS_CERT_HOST_PATTERN: must be a regular expression');
    }
    const search = [this.PRISONER_SEARCH_URL, this.HMPPS_AUTH_TOKEN_URL, this.HMPPS_AUTH_CLIENT_ID];
    if (search.some(Boolean) && !search.every(Boolean))
      problems.push(
        'PRISONER_SEARCH_URL: set it with HMPPS_AUTH_TOKEN_URL, HMPPS_AUTH_CLIENT_ID and HMPPS_AUTH_CLIENT_SECRET, or none',
      );
    if (this.HMPPS_AUTH_CLIENT_ID && !this.HMPPS_AUTH_CLIENT_SECRET)
      problems.push('HMPPS_AUTH_CLIENT_SECRET: required with HMPPS_AUTH_CLIENT_ID');
    return problems;
  }
}
