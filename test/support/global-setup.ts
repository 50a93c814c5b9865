import { ensureDatabase } from '@throughcare/persistence';
import { migrateAll, testRunEnvironment } from '@throughcare/testing';

/**
 * Once per Jest run: a fresh database, migrated by each service's own migration entry point
 * (as immich's medium-test globalSetup does), and an environment the test files inherit.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const env = testRunEnvironment(runId);
  Object.assign(process.env, env);
  await ensureDatabase(env['DATABASE_URL'] as string);
  await migrateAll({ ...process.env }, env['TEST_LOG_DIR'] as string);
}
