import 'reflect-metadata';

import { redactCredentials } from '@throughcare/observability';
import { validateEnv } from '@throughcare/service-config';

import { ConsoleEnv } from './config/console.env';
import { consoleConfigFromEnv } from './config/console.config';
import { createConsoleApp } from './console-app';

async function main(): Promise<void> {
  const config = consoleConfigFromEnv(validateEnv(ConsoleEnv, process.env));
  const app = await createConsoleApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(`console listening on http://${config.host}:${config.port}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(redactCredentials(`console failed to start: ${error.message}\n`));
  process.exit(1);
});
