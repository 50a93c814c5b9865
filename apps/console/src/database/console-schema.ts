import type { Pool } from 'pg';

/**
 * The console's own tables, in schema `console`: staff accounts and the audit of what people
 * did and viewed (CSL-5). Each statement is idempotent, so migrating twice changes nothing.
 */
const STATEMENTS = [
  'CREATE SCHEMA IF NOT EXISTS console',
  `CREATE TABLE IF NOT EXISTS console.staff_account (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
     username text NOT NULL UNIQUE,
     display_name text NOT NULL,
     role text NOT NULL,
     establishments text[] NOT NULL DEFAULT '{}',
     organisation_id text,
     password_hash text NOT NULL,
     totp_secret text,
     failed_attempts integer NOT NULL DEFAULT 0,
     locked_until timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by text
   )`,
  `CREATE TABLE IF NOT EXISTS console.audit_event (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT now(),
     account_id uuid,
     username text NOT NULL,
     action text NOT NULL,
     prison_number text,
     detail text NOT NULL DEFAULT ''
   )`,
  // Accounts of people who sign in through an OpenID Connect provider have no password; their
  // link is the provider's subject (`<issuer> <sub>`), unique (docs/console.md).
  'ALTER TABLE console.staff_account ALTER COLUMN password_hash DROP NOT NULL',
  'ALTER TABLE console.staff_account ADD COLUMN IF NOT EXISTS oidc_subject text',
  'CREATE UNIQUE INDEX IF NOT EXISTS staff_account_oidc_subject ON console.staff_account (oidc_subject)',
  'CREATE INDEX IF NOT EXISTS audit_event_at ON console.audit_event (at DESC)',
  'CREATE INDEX IF NOT EXISTS audit_event_person ON console.audit_event (prison_number, at DESC)',
];

export async function migrateConsoleSchema(pool: Pool): Promise<void> {
  for (const statement of STATEMENTS) await pool.query(statement);
}
