import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { clockFromEnv, validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';

import { ContinuityModule } from './app.module';
import { continuityConfigFromEnv } from './config/continuity.config';
import { ContinuityEnv } from './config/continuity.env';

async function main(): Promise<void> {
  const env = validateEnv(ContinuityEnv, process.env);
  const config = continuityConfigFromEnv(env);
  await bootstrapHybridService(ContinuityModule.forRoot(config, clockFromEnv(env)), {
    name: 'continuity',
    host: config.host,
    port: config.port,
    kafka: {
      brokers: config.kafka.brokers,
      groupId: `throughcare-continuity${config.kafka.groupSuffix}`,
    },
  });
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`continuity failed to start: ${error.message}\n`));
  process.exit(1);
});
