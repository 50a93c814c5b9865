/**
 * Which PostgreSQL role each service runs as (docs/security/database-roles-and-retention.md).
 * Migrations run as the owner (DATABASE_URL); each service runs as its own runtime role, named
 * by `<SERVICE>_DATABASE_URL`, which may touch only the service's own schema.
 */
export type HubDatabaseService = 'api' | 'planner' | 'continuity' | 'notifier' | 'hmpps_adapter';

/** What a service is configured with, as far as PostgreSQL goes. */
export interface DatabaseUrlSettings {
  NODE_ENV: string;
  /** The owner (migration) URL. */
  DATABASE_URL?: string;
  /** `<SERVICE>_DATABASE_URL`, the service's runtime URL. */
  runtimeUrl?: string;
}

export interface RuntimeRole {
  name: string;
  /** Set on the role only when the migration creates it (production: from configuration). */
  password?: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `API_DATABASE_URL`, `PLANNER_DATABASE_URL`, ... */
export function runtimeUrlVariable(service: HubDatabaseService): string {
  return `${service.toUpperCase()}_DATABASE_URL`;
}

/** The role a service runs as when its runtime URL does not name one (development and tests). */
export function defaultRuntimeRoleName(service: HubDatabaseService): string {
  return `throughcare_${service}`;
}

function userOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).username);
  } catch {
    return undefined;
  }
}

/**
 * The runtime role named by the service's runtime URL, or (outside production) the default
 * role; its name is interpolated into DDL, so only plain identifiers are accepted.
 */
export function runtimeRoleOf(service: HubDatabaseService, runtimeUrl?: string): RuntimeRole {
  if (!runtimeUrl) return { name: defaultRuntimeRoleName(service) };
  const url = new URL(runtimeUrl);
  const name = decodeURIComponent(url.username);
  if (!ROLE_NAME.test(name))
    throw new Error(`${runtimeUrlVariable(service)} must name a role of [a-z0-9_]`);
  const password = decodeURIComponent(url.password);
  return password ? { name, password } : { name };
}

/**
 * The URL the service runs with: its own runtime URL, or else DATABASE_URL with the user
 * replaced by the default runtime role and no password (local PostgreSQL trusts 127.0.0.1).
 * Call only after `databaseUrlProblems` found none.
 */
export function runtimeDatabaseUrl(
  service: HubDatabaseService,
  settings: DatabaseUrlSettings,
): string {
  if (settings.runtimeUrl) return settings.runtimeUrl;
  const url = new URL(settings.DATABASE_URL as string);
  url.username = defaultRuntimeRoleName(service);
  url.password = '';
  return url.toString();
}

/**
 * Configuration mistakes, each naming the variable (never its value): no URL at all; in
 * production no runtime URL of its own (the service would run as the owner); a runtime URL
 * whose user is the owner's.
 */
export function databaseUrlProblems(
  service: HubDatabaseService,
  settings: DatabaseUrlSettings,
): string[] {
  const variable = runtimeUrlVariable(service);
  const { runtimeUrl, DATABASE_URL: ownerUrl } = settings;
  if (!runtimeUrl && !ownerUrl) return [`${variable}: set it (or DATABASE_URL outside production)`];
  if (!runtimeUrl && settings.NODE_ENV === 'production')
    return [`${variable}: required when NODE_ENV=production (the service never runs as the owner)`];
  if (!runtimeUrl) return [];
  const runtimeUser = userOf(runtimeUrl);
  if (!runtimeUser || !ROLE_NAME.test(runtimeUser))
    return [`${variable}: must name a role of [a-z0-9_]`];
  if (ownerUrl && runtimeUser === userOf(ownerUrl))
    return [`${variable}: must name a role other than DATABASE_URL's (the migration role)`];
  return [];
}
