import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { runMigrations, runtimeRoleOf, runtimeUrlVariable } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { plannerDataSourceOptions } from './database/planner.data-source';

// `nx run planner:migrate`: as the owner (DATABASE_URL), applies the pending migrations, then
// grants the runtime role (PLANNER_DATABASE_URL's user, else throughcare_planner)
// its own schema and nothing more.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const role = runtimeRoleOf('planner', process.env[runtimeUrlVariable('planner')]);
  const applied = await runMigrations(plannerDataSourceOptions(DATABASE_URL), {
    role,
  });
  process.stdout.write(`planner: ${applied.length} migration(s) applied; runs as ${role.name}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`planner migration failed: ${error.message}\n`));
  process.exit(1);
});
