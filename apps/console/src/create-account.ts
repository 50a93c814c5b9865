import 'reflect-metadata';

import { Pool } from 'pg';

import { redactCredentials } from '@throughcare/observability';

import { hashPassword, MIN_PASSWORD_LENGTH } from './accounts/credentials';
import { bindingProblems, type StaffRole } from './accounts/staff-account';
import { migrateConsoleSchema } from './database/console-schema';

// The first admin account (then admins create the others on /admin/accounts):
//   CONSOLE_DATABASE_URL=... CONSOLE_NEW_PASSWORD=... node -r ./tools/register-ts.js \
//     apps/console/src/create-account.ts <username> "<display name>" admin
// The password comes from the environment, never the command line (which `ps` shows).
async function main(): Promise<void> {
  const [username = '', displayName = '', role = 'admin', binding = ''] = process.argv.slice(2);
  const password = process.env['CONSOLE_NEW_PASSWORD'] ?? '';
  const url = process.env['CONSOLE_DATABASE_URL'];
  if (!url) throw new Error('CONSOLE_DATABASE_URL is not set');
  const establishments = /^[A-Z]{3}(,[A-Z]{3})*$/.test(binding) ? binding.split(',') : [];
  const organisationId = binding && establishments.length === 0 ? binding : null;
  const problems = bindingProblems({ username, role, establishments, organisationId }).map(
    (p) => p.message,
  );
  if (!displayName) problems.push('give a display name');
  if (password.length < MIN_PASSWORD_LENGTH)
    problems.push(`CONSOLE_NEW_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await migrateConsoleSchema(pool);
    const { rowCount } = await pool.query(
      `INSERT INTO console.staff_account (username, display_name, role, establishments, organisation_id, password_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'create-account') ON CONFLICT (username) DO NOTHING`,
      [
        username,
        displayName,
        role as StaffRole,
        establishments,
        organisationId,
        await hashPassword(password),
      ],
    );
    if (rowCount === 0) throw new Error(`${username} already exists`);
  } finally {
    await pool.end();
  }
  process.stdout.write(`console: account ${username} created (${role})\n`);
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`create-account failed: ${error.message}\n`));
  process.exit(1);
});
