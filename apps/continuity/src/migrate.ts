import 'reflect-metadata';

import { runMigrations } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { continuityDataSourceOptions } from './database/continuity.data-source';

// `nx run continuity:migrate`: applies the continuity schema's pending migrations, then exits.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const applied = await runMigrations(continuityDataSourceOptions(DATABASE_URL));
  process.stdout.write(`continuity: ${applied.length} migration(s) applied\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`continuity migration failed: ${error.message}\n`);
  process.exit(1);
});
