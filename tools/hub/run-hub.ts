import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { parseEnv } from 'node:util';

import { redactCredentials } from '@throughcare/observability';
import { docsPageEnabled } from '@throughcare/service-config';
import {
  HUB_SERVICES,
  WORKSPACE_ROOT,
  startService,
  stopService,
  type RunningService,
  type ServiceName,
} from '@throughcare/testing';

import { migrateEveryService, runServiceScript } from '../migrate-all';

// `npm run hub`: the hub for real (docs/configuration.md). The four services (and the HMPPS
// adapter and the console, when their keys are configured) run from their built JavaScript on the system clock, against the configured PostgreSQL, Redis and Kafka or, for any
// of them not configured, the local one the project starts (scripts/infra). It migrates first,
// creates the first admin key on first start, waits until every service is ready, says where
// everything is, and on Ctrl-C (SIGINT or SIGTERM) stops the services and the infrastructure it
// started itself, nothing else.

const HUB_DIR = join(WORKSPACE_ROOT, '.cache', 'hub');
const DEFAULT_PORTS: Record<ServiceName, number> = {
  api: 3000,
  planner: 3101,
  continuity: 3102,
  notifier: 3103,
  'hmpps-adapter': 3104,
  console: 3200,
};
const say = (line: string) => console.log(`[hub] ${line}`);

class Stopped extends Error {}

/** Resolves with the first SIGINT or SIGTERM; later ones are ignored (npm forwards them too). */
function firstSignal(): { received: () => NodeJS.Signals | undefined; wait: Promise<string> } {
  let received: NodeJS.Signals | undefined;
  const wait = new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => {
        if (received) return;
        received = signal;
        say(`${signal}: stopping`);
        resolve(signal);
      });
  });
  return { received: () => received, wait };
}

/** `.env` at the root of the checkout, if there is one; the environment wins over it. */
function loadDotEnv(env: NodeJS.ProcessEnv): void {
  const file = join(WORKSPACE_ROOT, '.env');
  if (!existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8'))))
    if (env[name] === undefined) env[name] = value;
  say('read .env');
}

/**
 * Outside production, keys not configured are generated once for this checkout into the
 * git-ignored .cache/hub/ (mode 600) and reused on every later start: they seal what is stored
 * and published, so a key new at each start would leave the hub unable to open its own data.
 * In production nothing is generated: the services refuse to start without them.
 */
function provideLocalKeys(env: NodeJS.ProcessEnv): void {
  if (env['HUB_SECRET_KEY'] && env['HUB_FIELD_KEYS']) return;
  if (env['NODE_ENV'] === 'production') return;
  const file = join(HUB_DIR, 'local-keys.env');
  mkdirSync(HUB_DIR, { recursive: true });
  const fresh = [
    `HUB_SECRET_KEY=${randomBytes(32).toString('base64')}`,
    `HUB_FIELD_KEYS=local:${randomBytes(32).toString('base64')}`,
    'HUB_FIELD_KEY_ID=local',
  ].join('\n');
  try {
    writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    // Generated at an earlier start: keep those.
  }
  const local = parseEnv(readFileSync(file, 'utf8'));
  env['HUB_SECRET_KEY'] ??= local['HUB_SECRET_KEY'];
  if (!env['HUB_FIELD_KEYS']) {
    env['HUB_FIELD_KEYS'] = local['HUB_FIELD_KEYS'];
    env['HUB_FIELD_KEY_ID'] = local['HUB_FIELD_KEY_ID'];
  }
  say(
    `keys not configured: using this checkout's, in ${relative(WORKSPACE_ROOT, file)} (not for production)`,
  );
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: WORKSPACE_ROOT, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * Whatever of PostgreSQL, Redis and Kafka is not configured is the local one: reused when it
 * already answers, else started by scripts/infra/up.sh, which records what it started in the
 * hub's own state directory, so that stopping takes down exactly that.
 */
async function provideInfrastructure(env: NodeJS.ProcessEnv): Promise<() => Promise<void>> {
  const kafkaPort = Number(env['KAFKA_PORT'] ?? 9092);
  const local = {
    postgres: !env['DATABASE_URL'],
    redis: !env['REDIS_URL'],
    kafka: !env['KAFKA_BROKERS'] && !(await portOpen(kafkaPort)),
  };
  env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/throughcare';
  env['REDIS_URL'] ??= 'redis://127.0.0.1:6379';
  env['KAFKA_BROKERS'] ??= `127.0.0.1:${kafkaPort}`;
  if (!local.postgres && !local.redis && !local.kafka) return async () => undefined;
  const infraEnv: NodeJS.ProcessEnv = {
    ...env,
    INFRA_STATE_DIR: join(HUB_DIR, 'infra'),
    INFRA_SKIP_POSTGRES: local.postgres ? '0' : '1',
    INFRA_SKIP_REDIS: local.redis ? '0' : '1',
    INFRA_SKIP_KAFKA: local.kafka ? '0' : '1',
    // The hub's broker keeps its topics across starts, beside the demo's and the tests'.
    KAFKA_STATE_DIR: join(HUB_DIR, 'kafka'),
    KAFKA_KEEP_DATA: '1',
  };
  const stop = () => run('bash', ['scripts/infra/down.sh'], infraEnv);
  await run('bash', ['scripts/infra/up.sh'], infraEnv).catch(async (error: Error) => {
    await stop().catch(() => undefined);
    throw error;
  });
  return stop;
}

function servicePort(env: NodeJS.ProcessEnv, service: ServiceName): number {
  const configured = env[`${service.toUpperCase().replace('-', '_')}_PORT`];
  return configured ? Number(configured) : DEFAULT_PORTS[service];
}

function lastLines(file: string, count: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n');
  } catch {
    return '';
  }
}

/**
 * The HMPPS adapter reports through the hub's intake with its own prison key (HMPPS-6), which the
 * admin key issues once the hub is up: without `HUB_API_KEY` it is not started, and we say so.
 */
function servicesToStart(env: NodeJS.ProcessEnv): ServiceName[] {
  if (!env['HUB_API_KEY']) {
    say(
      'hmpps-adapter not started: HUB_API_KEY (its own prison key) is not set (docs/operations.md)',
    );
    return [...HUB_SERVICES];
  }
  env['HUB_API_URL'] ??= `http://127.0.0.1:${servicePort(env, 'api')}`;
  return [...HUB_SERVICES, 'hmpps-adapter'];
}

/**
 * The console (docs/console.md) reaches the hub through the API with its own admin key, which the
 * first admin key issues once the hub is up: without `CONSOLE_API_KEY` it is not started, and we
 * say how. Outside production its database is the hub's and its cookies work over plain HTTP on
 * 127.0.0.1; in production each must be configured (the console refuses insecure cookies).
 */
function consoleToStart(env: NodeJS.ProcessEnv): ServiceName[] {
  if (!env['CONSOLE_API_KEY']) {
    say(
      'console not started: CONSOLE_API_KEY (its own admin key) is not set; issue one with ' +
        'POST /v1/api-keys ("role": "admin") and put it in .env (docs/console.md)',
    );
    return [];
  }
  const port = servicePort(env, 'console');
  env['CONSOLE_PORT'] = String(port);
  env['CONSOLE_API_URL'] ??= `http://127.0.0.1:${servicePort(env, 'api')}`;
  env['CONSOLE_REDIS_URL'] ??= env['REDIS_URL'];
  if (env['NODE_ENV'] !== 'production') {
    env['CONSOLE_DATABASE_URL'] ??= env['DATABASE_URL'];
    env['CONSOLE_SECURE_COOKIES'] ??= 'false';
  }
  return ['console'];
}

async function startServices(
  env: NodeJS.ProcessEnv,
  names: ServiceName[],
  logDir: string,
): Promise<Array<RunningService<ServiceName>>> {
  const results = await Promise.allSettled(
    names.map((name) => startService(name, servicePort(env, name), env, logDir, 90_000)),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = names.filter((_, i) => results[i]?.status === 'rejected');
  if (failed.length === 0) return started;
  await Promise.all(started.map((service) => stopService(service)));
  for (const name of failed)
    console.error(
      `[hub] ${name} did not start; its log ends:\n${lastLines(join(logDir, `${name}.log`), 12)}`,
    );
  throw new Error(`${failed.join(', ')} did not start`);
}

function printWhereEverythingIs(
  env: NodeJS.ProcessEnv,
  services: Array<RunningService<ServiceName>>,
  logDir: string,
): void {
  const url = (service: RunningService<ServiceName>, path: string) =>
    `http://127.0.0.1:${service.port}${path}`;
  const api = services.find((s) => s.name === 'api') as RunningService<ServiceName>;
  const consoleService = services.find((s) => s.name === 'console');
  const nodeEnv = env['NODE_ENV'] ?? 'development';
  const docs = docsPageEnabled(nodeEnv, env['HUB_DOCS_ENABLED'])
    ? url(api, '/v1/docs')
    : 'off (HUB_DOCS_ENABLED=true serves it)';
  say(
    `up on the system clock, NODE_ENV=${nodeEnv} (${Math.round(process.uptime())} s after the command)`,
  );
  console.log(`  API       ${url(api, '/v1')}`);
  console.log(`  docs      ${docs}`);
  if (consoleService)
    console.log(
      `  console   ${url(consoleService, '/')}  ${url(consoleService, '/health/ready')}  pid ${consoleService.process.pid}`,
    );
  for (const service of services.filter((s) => s.name !== 'console'))
    console.log(
      `  ${`${service.name} `.padEnd(11)}${url(service, '/metrics')}  ${url(service, '/health/ready')}  pid ${service.process.pid}`,
    );
  const adapter = services.find((s) => s.name === 'hmpps-adapter');
  if (adapter) console.log(`  HMPPS SNS ${url(adapter, '/hmpps/sns')} (docs/hmpps-adapter.md)`);
  console.log(`  logs      ${relative(WORKSPACE_ROOT, logDir) || logDir}/<service>.log`);
  say('Ctrl-C stops the services and whatever infrastructure this command started');
}

function printFirstAdminKey(output: string, apiPort: number): void {
  const [, id, key] = /^first-admin-key (\S+) (\S+)$/m.exec(output) ?? [];
  if (!key) return;
  console.log(
    [
      '',
      '  First admin API key (shown this once; the hub keeps only its hash, so store it now):',
      '',
      `      ${key}`,
      '',
      `  Key id ${id}. Make another with an admin key: POST /v1/api-keys, naming an organisation`,
      `  registered first (POST /v1/organisations), e.g.`,
      `  curl -X POST http://127.0.0.1:${apiPort}/v1/api-keys -H "Authorization: Bearer <admin key>" \\`,
      `       -H 'Content-Type: application/json' -d '{"organisationId":"<id>","role":"admin"}'`,
      '',
    ].join('\n'),
  );
}

function printFirstConsoleAccount(): void {
  console.log(
    [
      '',
      '  Console: its first admin account, if it has none yet (the password from the environment):',
      '      CONSOLE_DATABASE_URL=<as above> CONSOLE_NEW_PASSWORD=<12 or more characters> \\',
      '      node -r ./tools/register-ts.js apps/console/src/create-account.ts <username> "<name>" admin',
      '',
    ].join('\n'),
  );
}

function anyExits(services: Array<RunningService<ServiceName>>): Promise<string> {
  return Promise.race(
    services.map(
      (service) =>
        new Promise<string>((resolve) =>
          service.process.once('exit', (code, signal) =>
            resolve(`${service.name} exited (${signal ?? code}); see ${service.logFile}`),
          ),
        ),
    ),
  );
}

async function main(): Promise<number> {
  const signal = firstSignal();
  const stopIfSignalled = () => {
    if (signal.received()) throw new Stopped();
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  loadDotEnv(env);
  // The real clock: a simulated one is for the demo and tests, and production refuses it.
  for (const name of ['HUB_CLOCK_START', 'HUB_CLOCK_SPEED', 'HUB_CLOCK_ANCHOR'])
    if (env[name])
      throw new Error(
        `${name} is set: npm run hub runs on the system clock (npm start is the demo)`,
      );
  provideLocalKeys(env);
  const logDir = env['HUB_LOG_DIR'] ?? join(HUB_DIR, 'logs');
  const cleanups: Array<() => Promise<unknown>> = [];
  let exitCode = 0;
  try {
    cleanups.push(await provideInfrastructure(env));
    stopIfSignalled();
    say('migrating every service (npm run migrate)');
    await migrateEveryService(env, console.log);
    stopIfSignalled();
    const firstAdmin = await runServiceScript('api', 'first-admin-key', env);
    const names = [...servicesToStart(env), ...consoleToStart(env)];
    say(`starting ${names.join(', ')} from the built JavaScript`);
    const services = await startServices(env, names, logDir);
    cleanups.push(() => Promise.all(services.map((service) => stopService(service))));
    stopIfSignalled();
    printWhereEverythingIs(env, services, logDir);
    printFirstAdminKey(firstAdmin, servicePort(env, 'api'));
    if (services.some((s) => s.name === 'console')) printFirstConsoleAccount();
    const ended = await Promise.race([signal.wait, anyExits(services)]);
    if (!signal.received()) {
      console.error(`[hub] ${ended}: stopping the others`);
      exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof Stopped)) {
      console.error(`[hub] ${redactCredentials((error as Error).message)}`);
      exitCode = 1;
    }
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: Error) => {
        console.error(`[hub] while stopping: ${error.message}`);
        exitCode = 1;
      });
  }
  say('stopped');
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[hub] ${redactCredentials(error.message)}`);
    process.exit(1);
  },
);
