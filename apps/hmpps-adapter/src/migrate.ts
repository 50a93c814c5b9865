import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { runMigrations, runtimeRoleOf, runtimeUrlVariable } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { hmppsAdapterDataSourceOptions } from './database/hmpps-adapter.data-source';

// `nx run hmpps-adapter:migrate`: as the owner (DATABASE_URL), applies the pending migrations, then
// grants the runtime role (HMPPS_ADAPTER_DATABASE_URL's user, else throughcare_hmpps_adapter)
// its own schema and nothing more.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const role = runtimeRoleOf('hmpps_adapter', process.env[runtimeUrlVariable('hmpps_adapter')]);
  const applied = await runMigrations(hmppsAdapterDataSourceOptions(DATABASE_URL), {
    role,
  });
  process.stdout.write(
    `hmpps-adapter: ${applied.length} migration(s) applied; runs as ${role.name}\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`hmpps-adapter migration failed: ${error.message}\n`));
  process.exit(1);
});
