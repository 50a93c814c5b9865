import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { clockFromEnv, validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';

import { HmppsAdapterModule } from './app.module';
import { hmppsAdapterConfigFromEnv } from './config/hmpps-adapter.config';
import { HmppsAdapterEnv } from './config/hmpps-adapter.env';
import { configureAdapterHttp } from './configure-http';

async function main(): Promise<void> {
  const env = validateEnv(HmppsAdapterEnv, process.env);
  const config = hmppsAdapterConfigFromEnv(env);
  // No Nest Kafka transport: the one HMPPS topic is named by configuration and consumed by
  // HmppsEventsConsumer.
  await bootstrapHybridService(HmppsAdapterModule.forRoot(config, clockFromEnv(env)), {
    name: 'hmpps-adapter',
    host: config.host,
    port: config.port,
    configureHttp: configureAdapterHttp,
  });
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`hmpps-adapter failed to start: ${error.message}\n`));
  process.exit(1);
});
