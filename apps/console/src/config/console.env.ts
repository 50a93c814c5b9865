import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** A claim's name, or a dotted path into an object claim (`realm_access.roles`). */
const CLAIM_PATH = /^\S{1,200}$/;

/**
 * What the console reads at start (docs/configuration.md, section console). The console is not a
 * Kafka service: it keeps its own staff accounts and audit in PostgreSQL (schema `console`), its
 * sessions in Redis, and reaches the hub only through the HTTP API with its own key.
 */
export class ConsoleEnv {
  @IsIn(['development', 'test', 'production']) NODE_ENV: string = 'development';

  @Type(() => Number) @IsInt() @Min(1) @Max(65535) CONSOLE_PORT: number = 3200;

  @IsString() @MaxLength(64) CONSOLE_HOST: string = '127.0.0.1';

  /** The console's PostgreSQL URL (its accounts and audit, schema `console`). */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'CONSOLE_DATABASE_URL must be a postgres:// URL' })
  CONSOLE_DATABASE_URL!: string;

  /** Redis for sessions (a key per session, expiring with the idle timeout). */
  @Matches(/^rediss?:\/\/\S+$/, { message: 'CONSOLE_REDIS_URL must be a redis:// URL' })
  CONSOLE_REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Prefix of every session key in Redis; each test run uses its own. */
  @Matches(/^[a-zA-Z0-9_:-]{1,40}$/, {
    message: 'CONSOLE_SESSION_PREFIX must be 1-40 of [a-zA-Z0-9_:-]',
  })
  CONSOLE_SESSION_PREFIX: string = 'console';

  /** The hub's API, e.g. http://127.0.0.1:3000. */
  @Matches(/^https?:\/\/\S+$/, { message: 'CONSOLE_API_URL must be an http(s) URL' })
  CONSOLE_API_URL: string = 'http://127.0.0.1:3000';

  /** The console's own admin API key (docs/console.md): never sent to a browser. */
  @IsString()
  @MinLength(32, { message: 'CONSOLE_API_KEY must be at least 32 characters' })
  CONSOLE_API_KEY!: string;

  /** Minutes without a request after which a session ends (CSL-3). */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) CONSOLE_IDLE_TIMEOUT_MINUTES: number = 30;

  /** Failed sign-ins in a row (password or code) that lock an account (CSL-2). */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) CONSOLE_LOCKOUT_ATTEMPTS: number = 5;

  /** Minutes a locked account stays locked (CSL-2). */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60) CONSOLE_LOCKOUT_MINUTES: number = 15;

  /** `false` only for plain-HTTP local runs and tests; production refuses it (CSL-3). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'CONSOLE_SECURE_COOKIES must be true or false' })
  CONSOLE_SECURE_COOKIES: string = 'true';

  /**
   * An OpenID Connect provider to sign people in through (HMPPS Auth, NHS CIS2, Entra ID; see
   * docs/console.md). Unset: only the embedded accounts. Set: the four CONSOLE_OIDC_* without a
   * default are needed too.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'CONSOLE_OIDC_ISSUER_URL must be an http(s) URL' })
  CONSOLE_OIDC_ISSUER_URL?: string;

  /** The console's client id at the provider. */
  @IsOptional() @IsString() @MaxLength(200) CONSOLE_OIDC_CLIENT_ID?: string;

  /** Its client secret (client_secret_basic at the token endpoint). */
  @IsOptional() @IsString() @MaxLength(500) CONSOLE_OIDC_CLIENT_SECRET?: string;

  /** Where the provider sends people back: `<console origin>/sign-in/oidc/callback`. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+\/sign-in\/oidc\/callback$/, {
    message: 'CONSOLE_OIDC_REDIRECT_URL must be an http(s) URL ending /sign-in/oidc/callback',
  })
  CONSOLE_OIDC_REDIRECT_URL?: string;

  /** `claim value=console role` pairs, comma-separated, first match wins (CSL-1). */
  @IsOptional()
  @Matches(/^\s*[^=,\s]+\s*=\s*[a-z-]+\s*(,\s*[^=,\s]+\s*=\s*[a-z-]+\s*)*$/, {
    message: 'CONSOLE_OIDC_ROLE_MAP must be value=role pairs separated by commas',
  })
  CONSOLE_OIDC_ROLE_MAP?: string;

  /** Scopes asked for; `openid` is needed. */
  @Matches(/^([A-Za-z0-9_:./-]+ )*openid( [A-Za-z0-9_:./-]+)*$/, {
    message: 'CONSOLE_OIDC_SCOPES must be space-separated scopes including openid',
  })
  CONSOLE_OIDC_SCOPES: string = 'openid profile';

  /** ID token claim carrying the roles (a dotted path reaches into objects). */
  @Matches(CLAIM_PATH, { message: 'CONSOLE_OIDC_ROLE_CLAIM must be a claim name or dotted path' })
  CONSOLE_OIDC_ROLE_CLAIM: string = 'roles';

  /** Claim carrying the prison codes the person works at (a list or a comma-separated string). */
  @Matches(CLAIM_PATH, {
    message: 'CONSOLE_OIDC_ESTABLISHMENTS_CLAIM must be a claim name or dotted path',
  })
  CONSOLE_OIDC_ESTABLISHMENTS_CLAIM: string = 'establishments';

  /** Claim carrying the organisation id of a community service or probation person. */
  @Matches(CLAIM_PATH, {
    message: 'CONSOLE_OIDC_ORGANISATION_CLAIM must be a claim name or dotted path',
  })
  CONSOLE_OIDC_ORGANISATION_CLAIM: string = 'organisation';

  /** Claim of the username shown and audited (lower-cased); `sub` is the link to the account. */
  @Matches(CLAIM_PATH, {
    message: 'CONSOLE_OIDC_USERNAME_CLAIM must be a claim name or dotted path',
  })
  CONSOLE_OIDC_USERNAME_CLAIM: string = 'preferred_username';

  /** What the sign-in button calls the provider: "Sign in with <this>". */
  @IsString() @MinLength(1) @MaxLength(60) CONSOLE_OIDC_DISPLAY_NAME: string = 'single sign-on';
}

/** Settings that do not fit together, in every mode; each names the variable, never its value. */
export function consoleConfigurationProblems(env: ConsoleEnv): string[] {
  const oidc = [
    'CONSOLE_OIDC_CLIENT_ID',
    'CONSOLE_OIDC_CLIENT_SECRET',
    'CONSOLE_OIDC_REDIRECT_URL',
    'CONSOLE_OIDC_ROLE_MAP',
  ] as const;
  if (!env.CONSOLE_OIDC_ISSUER_URL)
    return oidc
      .filter((name) => env[name])
      .map((name) => `${name}: set without CONSOLE_OIDC_ISSUER_URL`);
  return oidc
    .filter((name) => !env[name])
    .map((name) => `${name}: needed with CONSOLE_OIDC_ISSUER_URL`);
}

/** Problems production refuses; each names the variable, never its value. */
export function consoleProductionProblems(env: ConsoleEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  // Tokens and the client secret cross these; the provider's metadata names the other endpoints.
  if (env.CONSOLE_OIDC_ISSUER_URL && !env.CONSOLE_OIDC_ISSUER_URL.startsWith('https://'))
    problems.push('CONSOLE_OIDC_ISSUER_URL: must be https:// in production');
  if (env.CONSOLE_OIDC_REDIRECT_URL && !env.CONSOLE_OIDC_REDIRECT_URL.startsWith('https://'))
    problems.push('CONSOLE_OIDC_REDIRECT_URL: must be https:// in production');
  if (env.CONSOLE_SECURE_COOKIES === 'false')
    problems.push('CONSOLE_SECURE_COOKIES: must not be false in production');
  if (
    !env.CONSOLE_API_URL.startsWith('https://') &&
    !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(env.CONSOLE_API_URL)
  )
    problems.push('CONSOLE_API_URL: must be https:// in production (or loopback)');
  return problems;
}
