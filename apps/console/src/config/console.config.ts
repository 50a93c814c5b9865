import { STAFF_ROLES, type StaffRole } from '../accounts/staff-account';
import {
  type ConsoleEnv,
  consoleConfigurationProblems,
  consoleProductionProblems,
} from './console.env';

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');

export interface ConsoleConfig {
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  sessionPrefix: string;
  apiUrl: string;
  apiKey: string;
  idleTimeoutSeconds: number;
  lockout: { attempts: number; minutes: number };
  secureCookies: boolean;
  /** Sign-in through an OpenID Connect provider; undefined: embedded accounts only. */
  oidc?: OidcSettings;
}

export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  scopes: string;
  displayName: string;
  claims: OidcClaimMapping;
}

/** How an ID token's claims become a console role and binding (CSL-1). */
export interface OidcClaimMapping {
  username: string;
  role: string;
  /** Claim value to console role, in the order written: the first the person has wins. */
  roleMap: Array<{ value: string; role: StaffRole }>;
  establishments: string;
  organisation: string;
}

/** `ROLE_A=release-team, ROLE_B=admin` as ordered pairs; throws naming an unknown role. */
export function parseRoleMap(text: string): Array<{ value: string; role: StaffRole }> {
  return text
    .split(',')
    .map((pair) => pair.split('=').map((part) => part.trim()))
    .filter(([value]) => value)
    .map(([value, role]) => {
      if (!(STAFF_ROLES as readonly string[]).includes(role ?? ''))
        throw new Error(
          `Invalid configuration:\n  CONSOLE_OIDC_ROLE_MAP: ${role ?? ''} is not one of ${STAFF_ROLES.join(', ')}`,
        );
      return { value: value as string, role: role as StaffRole };
    });
}

function oidcSettingsOf(env: ConsoleEnv): OidcSettings | undefined {
  if (!env.CONSOLE_OIDC_ISSUER_URL) return undefined;
  return {
    issuerUrl: env.CONSOLE_OIDC_ISSUER_URL,
    clientId: env.CONSOLE_OIDC_CLIENT_ID as string,
    clientSecret: env.CONSOLE_OIDC_CLIENT_SECRET as string,
    redirectUrl: env.CONSOLE_OIDC_REDIRECT_URL as string,
    scopes: env.CONSOLE_OIDC_SCOPES,
    displayName: env.CONSOLE_OIDC_DISPLAY_NAME,
    claims: {
      username: env.CONSOLE_OIDC_USERNAME_CLAIM,
      role: env.CONSOLE_OIDC_ROLE_CLAIM,
      roleMap: parseRoleMap(env.CONSOLE_OIDC_ROLE_MAP as string),
      establishments: env.CONSOLE_OIDC_ESTABLISHMENTS_CLAIM,
      organisation: env.CONSOLE_OIDC_ORGANISATION_CLAIM,
    },
  };
}

export function consoleConfigFromEnv(env: ConsoleEnv): ConsoleConfig {
  const problems = [...consoleConfigurationProblems(env), ...consoleProductionProblems(env)];
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    host: env.CONSOLE_HOST,
    port: env.CONSOLE_PORT,
    databaseUrl: env.CONSOLE_DATABASE_URL,
    redisUrl: env.CONSOLE_REDIS_URL,
    sessionPrefix: env.CONSOLE_SESSION_PREFIX,
    apiUrl: env.CONSOLE_API_URL.replace(/\/+$/, ''),
    apiKey: env.CONSOLE_API_KEY,
    idleTimeoutSeconds: env.CONSOLE_IDLE_TIMEOUT_MINUTES * 60,
    lockout: { attempts: env.CONSOLE_LOCKOUT_ATTEMPTS, minutes: env.CONSOLE_LOCKOUT_MINUTES },
    secureCookies: env.CONSOLE_SECURE_COOKIES !== 'false',
    oidc: oidcSettingsOf(env),
  };
}
