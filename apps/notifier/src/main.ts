import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { clockFromEnv, validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';

import { NotifierModule } from './app.module';
import { notifierConfigFromEnv } from './config/notifier.config';
import { NotifierEnv } from './config/notifier.env';

async function main(): Promise<void> {
  const env = validateEnv(NotifierEnv, process.env);
  const config = notifierConfigFromEnv(env);
  await bootstrapHybridService(NotifierModule.forRoot(config, clockFromEnv(env)), {
    name: 'notifier',
    host: config.host,
    port: config.port,
    kafka: {
      brokers: config.kafka.brokers,
      groupId: `throughcare-notifier${config.kafka.groupSuffix}`,
    },
  });
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`notifier failed to start: ${error.message}\n`));
  process.exit(1);
});
