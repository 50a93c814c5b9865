import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { clockFromEnv, validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';

import { ApiModule } from './app.module';
import { ApiEnv } from './config/api.env';
import { apiConfigFromEnv } from './config/api.config';
import { configureApiHttp } from './configure-http';

async function main(): Promise<void> {
  const env = validateEnv(ApiEnv, process.env);
  const config = apiConfigFromEnv(env);
  await bootstrapHybridService(ApiModule.forRoot(config, clockFromEnv(env)), {
    name: 'api',
    host: config.host,
    port: config.port,
    configureHttp: configureApiHttp,
    // An HTTP-only process (API_CONSUMES_EVENTS=false) joins no consumer group.
    kafka:
      env.API_CONSUMES_EVENTS === 'false'
        ? undefined
        : { brokers: config.kafka.brokers, groupId: `throughcare-api${config.kafka.groupSuffix}` },
  });
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`api failed to start: ${error.message}\n`));
  process.exit(1);
});
