import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { runMigrations, runtimeRoleOf, runtimeUrlVariable } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import {
  NOTIFIER_APPEND_ONLY_TABLES,
  notifierDataSourceOptions,
} from './database/notifier.data-source';

// `nx run notifier:migrate`: as the owner (DATABASE_URL), applies the pending migrations, then
// grants the runtime role (NOTIFIER_DATABASE_URL's user, else throughcare_notifier)
// its own schema and nothing more.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const role = runtimeRoleOf('notifier', process.env[runtimeUrlVariable('notifier')]);
  const applied = await runMigrations(notifierDataSourceOptions(DATABASE_URL), {
    role,
    appendOnlyTables: NOTIFIER_APPEND_ONLY_TABLES,
  });
  process.stdout.write(`notifier: ${applied.length} migration(s) applied; runs as ${role.name}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`notifier migration failed: ${error.message}\n`));
  process.exit(1);
});
