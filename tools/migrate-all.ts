import { spawn } from 'node:child_process';

import { redactCredentials } from '@throughcare/observability';
import { ensureDatabase } from '@throughcare/persistence';
import { HUB_SERVICES, WORKSPACE_ROOT, serviceEntryArgs } from '@throughcare/testing';

// `npm run migrate`: migrates every service's schema (apps/<service>/src/migrate.ts, built to
// JavaScript like the services) as the owner (DATABASE_URL), one service after another, each then
// creating and granting its runtime role (docs/security/database-roles-and-retention.md).
// `npm run hub` runs the same before it starts the services.

/** Runs `apps/<service>/src/<script>.ts` (built) and returns what it wrote to standard output. */
export async function runServiceScript(
  service: string,
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const child = spawn(
    process.execPath,
    await serviceEntryArgs(`apps/${service}/src/${script}.ts`),
    { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0)
    throw new Error(
      `${service} ${script} failed (exit ${code}): ${redactCredentials(stderr.trim()).slice(-2000)}`,
    );
  return stdout;
}

/** Creates the database if it can (a local one on first start), then migrates each service. */
export async function migrateEveryService(
  env: NodeJS.ProcessEnv,
  print: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  const url = env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: the owner URL the migrations run as');
  // Best effort: a managed server may not let the owner create databases or reach `postgres`;
  // the migrations below then say plainly whether the database is there.
  await ensureDatabase(url).catch((error: Error) =>
    print(`[migrate] could not check or create the database (${redactCredentials(error.message)})`),
  );
  // The HMPPS adapter's schema too, whether or not it is started (an empty schema costs nothing).
  for (const service of [...HUB_SERVICES, 'hmpps-adapter']) {
    const output = await runServiceScript(service, 'migrate', env);
    for (const line of output.trim().split('\n').filter(Boolean)) print(`[migrate] ${line}`);
  }
  // The console's schema (accounts, audit), as the owner like the others, started or not.
  const output = await runServiceScript('console', 'migrate', {
    ...env,
    CONSOLE_DATABASE_URL: url,
  });
  for (const line of output.trim().split('\n').filter(Boolean)) print(`[migrate] ${line}`);
}

if (require.main === module) {
  migrateEveryService(process.env).catch((error: Error) => {
    console.error(`[migrate] ${redactCredentials(error.message)}`);
    process.exit(1);
  });
}
