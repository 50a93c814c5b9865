import 'reflect-metadata';

import { runMigrations } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { notifierDataSourceOptions } from './database/notifier.data-source';

// `nx run notifier:migrate`: applies the notifier schema's pending migrations, then exits.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const applied = await runMigrations(notifierDataSourceOptions(DATABASE_URL));
  process.stdout.write(`notifier: ${applied.length} migration(s) applied\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`notifier migration failed: ${error.message}\n`);
  process.exit(1);
});
