import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import type { ConsoleConfig } from './config/console.config';
import { ConsoleModule } from './console.module';
import { configureConsoleHttp } from './http/configure-console-http';

/** The console's Nest application, configured and not yet listening (main.ts and tests). */
export async function createConsoleApp(config: ConsoleConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  configureConsoleHttp(app, config);
  app.enableShutdownHooks();
  return app;
}
