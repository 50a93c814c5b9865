import 'reflect-metadata';

import { Pool } from 'pg';

import { redactCredentials } from '@throughcare/observability';

import { migrateConsoleSchema } from './database/console-schema';

// `nx run console:migrate`: creates the console's schema and tables (idempotent).
async function main(): Promise<void> {
  const url = process.env['CONSOLE_DATABASE_URL'];
  if (!url) throw new Error('CONSOLE_DATABASE_URL is not set');
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await migrateConsoleSchema(pool);
  } finally {
    await pool.end();
  }
  process.stdout.write('console: schema up to date\n');
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`console migration failed: ${error.message}\n`));
  process.exit(1);
});
