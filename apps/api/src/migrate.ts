import 'reflect-metadata';

import { runMigrations } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { apiDataSourceOptions } from './database/api.data-source';

// `nx run api:migrate`: applies the api schema's pending migrations, then exits.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const applied = await runMigrations(apiDataSourceOptions(DATABASE_URL));
  process.stdout.write(`api: ${applied.length} migration(s) applied\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`api migration failed: ${error.message}\n`);
  process.exit(1);
});
