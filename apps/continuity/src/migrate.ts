import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { runMigrations, runtimeRoleOf, runtimeUrlVariable } from '@throughcare/persistence';
import { MigrationEnv, validateEnv } from '@throughcare/service-config';

import { continuityDataSourceOptions } from './database/continuity.data-source';

// `nx run continuity:migrate`: as the owner (DATABASE_URL), applies the pending migrations, then
// grants the runtime role (CONTINUITY_DATABASE_URL's user, else throughcare_continuity)
// its own schema and nothing more.
async function main(): Promise<void> {
  const { DATABASE_URL } = validateEnv(MigrationEnv, process.env);
  const role = runtimeRoleOf('continuity', process.env[runtimeUrlVariable('continuity')]);
  const applied = await runMigrations(continuityDataSourceOptions(DATABASE_URL), {
    role,
  });
  process.stdout.write(
    `continuity: ${applied.length} migration(s) applied; runs as ${role.name}\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`continuity migration failed: ${error.message}\n`));
  process.exit(1);
});
