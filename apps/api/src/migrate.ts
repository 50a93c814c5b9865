import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { runMigrations, runtimeRoleOf, runtimeUrlVariable } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { API_APPEND_ONLY_TABLES, apiDataSourceOptions } from './database/api.data-source';

// `nx run api:migrate`: as the owner (DATABASE_URL), applies the pending migrations, then
// grants the runtime role (API_DATABASE_URL's user, else throughcare_api)
// its own schema and nothing more.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const role = runtimeRoleOf('api', process.env[runtimeUrlVariable('api')]);
  const applied = await runMigrations(apiDataSourceOptions(DATABASE_URL), {
    role,
    appendOnlyTables: API_APPEND_ONLY_TABLES,
  });
  process.stdout.write(`api: ${applied.length} migration(s) applied; runs as ${role.name}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`api migration failed: ${error.message}\n`));
  process.exit(1);
});
