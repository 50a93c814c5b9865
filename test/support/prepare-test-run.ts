import { dropDatabase, ensureDatabase } from '@throughcare/persistence';
import { migrateAll, testRunEnvironment } from '@throughcare/testing';

/**
 * `prepare <runId>`: a fresh database migrated by each service's own migration entry point (as
 * immich's medium-test globalSetup does); prints the run's environment as JSON.
 * `drop <databaseUrl>`: removes a test run's database.
 */
async function main(): Promise<void> {
  const [command, argument] = process.argv.slice(2);
  if (command === 'prepare' && argument) {
    const env = testRunEnvironment(argument);
    await ensureDatabase(env['DATABASE_URL'] as string);
    await migrateAll({ ...process.env, ...env }, env['TEST_LOG_DIR'] as string);
    process.stdout.write(JSON.stringify(env));
    return;
  }
  if (command === 'drop' && argument && /\/thub_test_[a-z0-9_]+$/.test(argument)) {
    await dropDatabase(argument);
    return;
  }
  throw new Error('usage: prepare-test-run.ts prepare <runId> | drop <databaseUrl>');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
