import 'reflect-metadata';

import { runMigrations } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { plannerDataSourceOptions } from './database/planner.data-source';

// `nx run planner:migrate`: applies the planner schema's pending migrations, then exits.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const applied = await runMigrations(plannerDataSourceOptions(DATABASE_URL));
  process.stdout.write(`planner: ${applied.length} migration(s) applied\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`planner migration failed: ${error.message}\n`);
  process.exit(1);
});
