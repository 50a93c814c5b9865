import type { INestApplication } from '@nestjs/common';

import { SystemClock } from '@throughcare/clock';
import { runMigrations, runtimeRoleOf } from '@throughcare/persistence';
import { validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';

import { HmppsAdapterModule } from '../../src/app.module';
import { hmppsAdapterConfigFromEnv } from '../../src/config/hmpps-adapter.config';
import { HmppsAdapterEnv } from '../../src/config/hmpps-adapter.env';
import { configureAdapterHttp } from '../../src/configure-http';
import { hmppsAdapterDataSourceOptions } from '../../src/database/hmpps-adapter.data-source';

/** Applies the adapter's migrations to the run's database (the other services' ran in globalSetup). */
export async function migrateAdapter(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is set by the integration globalSetup');
  await runMigrations(hmppsAdapterDataSourceOptions(url), { role: runtimeRoleOf('hmpps_adapter') });
}

/** The adapter in this process, on a loopback port moved by TEST_PORT_OFFSET. */
export async function startAdapter(
  requestedPort: number,
  settings: Record<string, string>,
): Promise<{ app: INestApplication; baseUrl: string }> {
  const port = requestedPort + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
  const env = validateEnv(HmppsAdapterEnv, {
    ...process.env,
    ...settings,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  const app = await bootstrapHybridService(
    HmppsAdapterModule.forRoot(hmppsAdapterConfigFromEnv(env), new SystemClock()),
    { name: 'hmpps-adapter', host: '127.0.0.1', port, configureHttp: configureAdapterHttp },
  );
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}
