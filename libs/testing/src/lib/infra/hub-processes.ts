import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { expectEventually } from '../expect-eventually';

/** The services every hub runs. */
export type HubService = 'api' | 'planner' | 'continuity' | 'notifier';
export const HUB_SERVICES: readonly HubService[] = ['api', 'planner', 'continuity', 'notifier'];
/** Those, the HMPPS adapter and the console, which run only where configured (`npm run hub`). */
export type ServiceName = HubService | 'hmpps-adapter' | 'console';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..', '..');

export interface RunningService<Name extends ServiceName = HubService> {
  name: Name;
  port: number;
  process: ChildProcess;
  logFile: string;
}

interface ServiceBuild {
  buildServices(): Promise<string>;
}
let build: Promise<string> | undefined;

/**
 * The compiled services (tools/build/build-services.js, built once per process and reused while
 * the sources are unchanged): services run from JavaScript with `node` alone, as in production
 * (issue 14). `HUB_RUN_FROM=source` runs the TypeScript through swc-node instead (debugging).
 */
function serviceBuild(): Promise<string> {
  const builder = require(
    join(WORKSPACE_ROOT, 'tools', 'build', 'build-services.js'),
  ) as ServiceBuild;
  build ??= builder.buildServices();
  return build;
}

/** The node arguments that run `apps/<service>/src/<file>.ts`, built or from source. */
export async function serviceEntryArgs(entry: string): Promise<string[]> {
  if (process.env['HUB_RUN_FROM'] === 'source')
    return ['-r', join(WORKSPACE_ROOT, 'tools/register-ts.js'), entry];
  return [join(await serviceBuild(), entry.replace(/\.ts$/, '.js'))];
}

async function spawnService(
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<ChildProcess> {
  // HUB_SERVICE_NODE_ARGS: extra node flags for the services only, e.g. `--cpu-prof
  // --cpu-prof-dir=.cache/profiles` to profile them under the benchmark (not allowed in NODE_OPTIONS).
  const nodeArgs = (env['HUB_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...(await serviceEntryArgs(entry))], {
    cwd: WORKSPACE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Two pipes into one file: neither may end it (the second would write after end when a
  // process is killed); it is closed once the process's output is closed.
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('close', () => log.end());
  return child;
}

/** Runs each service's migrations (`apps/<service>/src/migrate.ts`), one after another. */
export async function migrateAll(env: NodeJS.ProcessEnv, logDir: string): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  for (const service of HUB_SERVICES) {
    const child = await spawnService(
      join('apps', service, 'src', 'migrate.ts'),
      env,
      join(logDir, `${service}-migrate.log`),
    );
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0)
      throw new Error(`${service} migrations failed (see ${logDir}/${service}-migrate.log)`);
  }
}

/** Starts one service as its own process and waits until /health/ready answers 200. */
export async function startService<Name extends ServiceName>(
  name: Name,
  port: number,
  env: NodeJS.ProcessEnv,
  logDir: string,
  timeoutMs = 60_000,
): Promise<RunningService<Name>> {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const child = await spawnService(
    join('apps', name, 'src', 'main.ts'),
    { ...env, PORT: String(port) },
    logFile,
  );
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  await expectEventually(
    async () => {
      if (exited !== undefined) throw new Error(`${name} exited with ${exited} (see ${logFile})`);
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.status !== 200) throw new Error(`${name} not ready: ${response.status}`);
    },
    { timeoutMs, intervalMs: 250 },
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { name, port, process: child, logFile };
}

/** SIGTERM (graceful shutdown), then SIGKILL if it has not gone within the grace period. */
export async function stopService(
  service: RunningService<ServiceName>,
  graceMs = 15_000,
): Promise<number | null> {
  // Already gone (a test killed it): exitCode stays null after a signal, so check both.
  if (service.process.exitCode !== null || service.process.signalCode !== null)
    return service.process.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    service.process.on('exit', (code) => resolve(code)),
  );
  service.process.kill('SIGTERM');
  const timer = setTimeout(() => service.process.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
