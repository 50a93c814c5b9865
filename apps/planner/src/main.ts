import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { clockFromEnv, validateEnv } from '@throughcare/service-config';
import { bootstrapHybridService } from '@throughcare/service-runtime';

import { PlannerModule } from './app.module';
import { plannerConfigFromEnv } from './config/planner.config';
import { PlannerEnv } from './config/planner.env';

async function main(): Promise<void> {
  const env = validateEnv(PlannerEnv, process.env);
  const config = plannerConfigFromEnv(env);
  await bootstrapHybridService(PlannerModule.forRoot(config, clockFromEnv(env)), {
    name: 'planner',
    host: config.host,
    port: config.port,
    kafka: {
      brokers: config.kafka.brokers,
      groupId: `throughcare-planner${config.kafka.groupSuffix}`,
    },
  });
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`planner failed to start: ${error.message}\n`));
  process.exit(1);
});
