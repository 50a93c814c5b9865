import type { INestApplication } from '@nestjs/common';

import { SystemClock } from '@throughcare/clock';
import { validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';
import { HubApiClient } from '@throughcare/testing';

import { ApiModule } from '../../src/app.module';
import { apiConfigFromEnv } from '../../src/config/api.config';
import { ApiEnv } from '../../src/config/api.env';
import { configureApiHttp } from '../../src/configure-http';

export interface StartedApi {
  app: INestApplication;
  admin: HubApiClient;
  baseUrl: string;
  adminKey: string;
  /** Registers a prison organisation and issues it a prison key for `establishments`. */
  prisonClient(organisationId: string, establishments: string[]): Promise<HubApiClient>;
  /** The same, returning the key itself. */
  prisonKey(organisationId: string, establishments: string[]): Promise<string>;
}

/** The API in this process, against the run's PostgreSQL and Kafka, consuming the intake topics. */
export async function startApi(requestedPort: number): Promise<StartedApi> {
  // TEST_PORT_OFFSET moves the port, as startHub does, so that two runs on one machine coexist.
  const port = requestedPort + Number(process.env['TEST_PORT_OFFSET'] ?? 0);
  const env = validateEnv(ApiEnv, { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' });
  const config = apiConfigFromEnv(env);
  const adminKey = env.HUB_ADMIN_KEY;
  if (!adminKey) throw new Error('startApi needs HUB_ADMIN_KEY (the test environment sets it)');
  const app = await bootstrapHybridService(ApiModule.forRoot(config, new SystemClock()), {
    name: 'api',
    host: '127.0.0.1',
    port,
    configureHttp: configureApiHttp,
    kafka: { brokers: config.kafka.brokers, groupId: `throughcare-api${config.kafka.groupSuffix}` },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const admin = new HubApiClient(baseUrl, adminKey);
  const prisonKey = async (organisationId: string, establishments: string[]) => {
    await admin.registerOrganisation({
      organisationId,
      type: 'PRISON',
      name: `HMP ${organisationId}`,
      establishments,
      spoc: { name: 'Healthcare SPOC', email: `spoc@${organisationId}.example` },
    });
    const issued = await admin.post('/v1/api-keys', {
      organisationId,
      role: 'prison',
      establishments,
    });
    if (issued.status !== 201) throw new Error(`key not issued: ${issued.status}`);
    return (issued.body as { key: string }).key;
  };
  return {
    app,
    admin,
    baseUrl,
    adminKey,
    prisonKey,
    prisonClient: async (organisationId, establishments) =>
      new HubApiClient(baseUrl, await prisonKey(organisationId, establishments)),
  };
}
