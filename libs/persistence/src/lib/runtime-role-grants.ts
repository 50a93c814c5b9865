import type { DataSource } from 'typeorm';

import type { RuntimeRole } from './database-roles';

/** What the migration grants a service's runtime role, after its migrations have run. */
export interface RuntimeRoleGrant {
  role: RuntimeRole;
  /**
   * Tables the service may read and insert into, never change or delete from (the disclosure
   * audit, consent history): their triggers refuse it too, but a privilege cannot be switched
   * off by the session it binds.
   */
  appendOnlyTables?: readonly string[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The privileges, idempotent, in the order they apply: USAGE on the schema and DML on its tables
 * and sequences, now and (default privileges) for whatever later migrations create; nothing
 * else: no CREATE anywhere, no TRUNCATE, no writes to the migrations table or append-only ones.
 */
export function runtimeGrantStatements(
  schema: string,
  migrationsTable: string,
  grant: RuntimeRoleGrant,
): string[] {
  const s = ident(schema);
  const role = ident(grant.role.name);
  return [
    // PostgreSQL before 15 let PUBLIC create in `public`; temporary tables are DDL too.
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$`,
    `REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA ${s} FROM ${role}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${role}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${s} FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    // The purge functions (SECURITY DEFINER) are the only way to delete from append-only tables.
    `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} FROM PUBLIC`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${role}`,
    `REVOKE INSERT, UPDATE, DELETE ON ${s}.${ident(migrationsTable)} FROM ${role}`,
    ...(grant.appendOnlyTables ?? []).map(
      (table) => `REVOKE UPDATE, DELETE ON ${s}.${ident(table)} FROM ${role}`,
    ),
  ];
}

const DUPLICATE = new Set(['42710', '23505']);

/**
 * Creates the runtime role when it does not exist (LOGIN and nothing more; the password from
 * its URL when there is one). Roles are cluster-wide and outlive test databases, and two runs may
 * create the same role at once: losing that race is fine. An existing role is left as the
 * operator made it, but refused if it could do more than its grants (superuser, CREATEROLE, ...)
 * or is the migration role itself.
 */
export async function ensureRuntimeRole(dataSource: DataSource, role: RuntimeRole): Promise<void> {
  const name = ident(role.name);
  const exists = async () =>
    ((await dataSource.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])) as [])
      .length > 0;
  if (!(await exists())) {
    const password = role.password ? ` PASSWORD ${literal(role.password)}` : '';
    await dataSource
      .query(
        `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password}`,
      )
      .catch((error: { driverError?: { code?: string }; code?: string }) => {
        const code = error.driverError?.code ?? error.code;
        if (!code || !DUPLICATE.has(code)) throw error;
      });
  }
  await refuseOverPrivilegedRole(dataSource, role.name);
}

async function refuseOverPrivilegedRole(dataSource: DataSource, role: string): Promise<void> {
  const [found] = (await dataSource.query(
    `SELECT rolname = current_user AS is_owner,
            rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls AS powerful,
            pg_has_role($1, current_user, 'MEMBER') AS member_of_owner
       FROM pg_roles WHERE rolname = $1`,
    [role],
  )) as { is_owner: boolean; powerful: boolean; member_of_owner: boolean }[];
  if (!found) throw new Error(`runtime role ${role} does not exist`);
  if (found.is_owner || found.member_of_owner)
    throw new Error(`runtime role ${role} is (or belongs to) the migration role`);
  if (found.powerful)
    throw new Error(`runtime role ${role} must not be superuser, CREATEROLE, CREATEDB, ...`);
}

/** Ensures the role, then applies every grant in one transaction. */
export async function grantRuntimeRole(
  dataSource: DataSource,
  schema: string,
  migrationsTable: string,
  grant: RuntimeRoleGrant,
): Promise<void> {
  await ensureRuntimeRole(dataSource, grant.role);
  await dataSource.transaction(async (manager) => {
    // Services migrating at once (one container each) would otherwise update the same catalog
    // rows (the database's and `public`'s privileges) concurrently.
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('throughcare:runtime-grants'))");
    for (const sql of runtimeGrantStatements(schema, migrationsTable, grant))
      await manager.query(sql);
  });
}
