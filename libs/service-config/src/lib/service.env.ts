import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';

import { ANY_TIME, IsInstant } from '@throughcare/contracts';
import {
  databaseUrlProblems,
  runtimeDatabaseUrl,
  type HubDatabaseService,
} from '@throughcare/persistence';

import { declaredVariables } from './configuration-doc';
import { productionRefusals } from './production-refusals';
import { RetentionEnv } from './retention.env';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

/** An optional `postgres://` URL setting, e.g. a service's own `<SERVICE>_DATABASE_URL`. */
export function OptionalPostgresUrl(variable: string): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Matches(POSTGRES_URL, { message: `${variable} must be a postgres:// URL` })(target, key);
  };
}

/**
 * HUB_SECRET_KEY: 32 random bytes, base64 (it seals the webhook signing secrets). Missing or
 * shorter is refused in every mode; in production a key that is not random is refused too.
 */
export function IsHubSecretKey(): PropertyDecorator {
  return Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'HUB_SECRET_KEY must be 32 bytes, base64-encoded',
  });
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables every service reads. Each app's `<app>.env.ts` extends this class. */
export class ServiceEnv extends RetentionEnv {
  @IsIn(['development', 'test', 'production']) NODE_ENV: string = 'development';

  @IsIn(LOG_LEVELS) LOG_LEVEL: string = 'info';

  /**
   * The owner (migration) URL. A service runs as its own role (`<SERVICE>_DATABASE_URL`, see
   * runtimeDatabase); outside production that defaults to this URL as the service's role.
   */
  @OptionalPostgresUrl('DATABASE_URL') DATABASE_URL?: string;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Key prefix for every BullMQ key; each test run uses its own. */
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'BULL_PREFIX must be 1-40 letters, digits, _ or -' })
  BULL_PREFIX: string = 'thub';

  @Matches(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be host:port[,host:port]',
  })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @Type(() => Number) @IsInt() @Min(1) @Max(64) KAFKA_TOPIC_PARTITIONS: number = 3;

  /** Appended to consumer group ids so that a test run never shares offsets with another. */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9_.-]{0,40}$/, {
    message: 'KAFKA_GROUP_SUFFIX must be 0-40 of [a-zA-Z0-9_.-]',
  })
  KAFKA_GROUP_SUFFIX: string = '';

  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT!: number;

  @IsString() @MaxLength(64) HOST: string = '127.0.0.1';

  /**
   * The AES-256 keys sealing clinical and identifying fields on Kafka, `keyId:base64(32 bytes)`
   * comma-separated: the current key and old ones that still open (docs/security/data-protection.md).
   * The same list in every service; never in the repo.
   */
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'HUB_FIELD_KEYS must be keyId:base64(32 bytes)[,keyId:base64(32 bytes)]',
  })
  HUB_FIELD_KEYS!: string;

  /** The id of the key in HUB_FIELD_KEYS that seals new values. */
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'HUB_FIELD_KEY_ID must be 1-32 of [A-Za-z0-9_-]' })
  @ValidateBy({
    name: 'namesAFieldKey',
    validator: {
      validate: (id, args) =>
        String((args?.object as ServiceEnv).HUB_FIELD_KEYS ?? '')
          .split(',')
          .some((entry) => entry.split(':')[0] === id),
      defaultMessage: () => 'HUB_FIELD_KEY_ID must name one of the keys in HUB_FIELD_KEYS',
    },
  })
  HUB_FIELD_KEY_ID!: string;

  /** How often the outbox relay looks for unpublished events (it is also woken by NOTIFY). */
  @Type(() => Number) @IsInt() @Min(10) @Max(60_000) OUTBOX_POLL_INTERVAL_MS: number = 500;

  // Simulated clock (docs/hub-interface.md §5): a start instant, a speed, and the real instant it anchors to.
  @IsOptional() @IsInstant(ANY_TIME) HUB_CLOCK_START?: string;
  @IsOptional() @Type(() => Number) @IsNumber() @Min(1) @Max(10_000_000) HUB_CLOCK_SPEED?: number;
  @IsOptional() @IsInstant(ANY_TIME) HUB_CLOCK_ANCHOR?: string;

  /** Cross-field rules; each entry names the variable. */
  crossCheck(): string[] {
    return [
      ...productionRefusals(this.declaredSettings()),
      ...this.databaseProblems(),
      ...this.retentionProblems(),
    ];
  }

  /**
   * The variables this service's class declares (a subclass's WEBHOOK_*, SMTP_URL and
   * HUB_SECRET_KEY included), without the rest of the environment that was copied onto it: a
   * variable a service does not read must not stop it.
   */
  private declaredSettings(): Record<string, unknown> {
    const declared = new Set(declaredVariables(this.constructor as typeof ServiceEnv));
    return Object.fromEntries(Object.entries(this).filter(([name]) => declared.has(name)));
  }

  /** The PostgreSQL URL the service runs with: its own role's, never the owner's. */
  runtimeDatabaseUrl(): string {
    const own = this.runtimeDatabase();
    if (!own) return this.DATABASE_URL as string;
    return runtimeDatabaseUrl(own.service, { ...this.databaseSettings(), runtimeUrl: own.url });
  }

  /**
   * The service whose runtime role this process connects as, and its `<SERVICE>_DATABASE_URL`;
   * each service's env class names its own (docs/security/database-roles-and-retention.md).
   */
  protected runtimeDatabase(): { service: HubDatabaseService; url?: string } | undefined {
    return undefined;
  }

  private databaseSettings() {
    return { NODE_ENV: this.NODE_ENV, DATABASE_URL: this.DATABASE_URL };
  }

  private databaseProblems(): string[] {
    const own = this.runtimeDatabase();
    if (own)
      return databaseUrlProblems(own.service, { ...this.databaseSettings(), runtimeUrl: own.url });
    return this.DATABASE_URL ? [] : ['DATABASE_URL: must be a postgres:// URL'];
  }
}
