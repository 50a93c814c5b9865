import {
  Logger as NestLogger,
  type DynamicModule,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import express from 'express';
import { Logger } from 'nestjs-pino';

import { correlationMiddleware } from '@throughcare/observability';

import { parseBrokers } from '@throughcare/messaging';

export interface HybridServiceSettings {
  name: string;
  host: string;
  port: number;
  /** Consumes Kafka when set: the consumer group id (plus a test-run suffix). */
  kafka?: { brokers: string; groupId: string };
  /** Adds HTTP routes and middleware before the app listens (the API's problem+json, body limits). */
  configureHttp?: (app: INestApplication) => void;
}

/**
 * Starts a service: JSON logs, HTTP (health, metrics, API), the Kafka consumer, and a graceful
 * shutdown on SIGTERM/SIGINT that stops consuming, lets in-flight work finish, then exits.
 */
export async function bootstrapHybridService(
  module: DynamicModule | Type<unknown>,
  settings: HybridServiceSettings,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(correlationMiddleware);
  settings.configureHttp?.(app);
  if (!settings.configureHttp) app.use(express.json({ limit: '64kb' }));
  app.enableShutdownHooks();
  if (settings.kafka) {
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.KAFKA,
        options: {
          postfixId: '',
          client: {
            clientId: `throughcare-${settings.name}`,
            brokers: parseBrokers(settings.kafka.brokers),
          },
          consumer: {
            groupId: settings.kafka.groupId,
            allowAutoTopicCreation: false,
            retry: { retries: 10 },
          },
          subscribe: { fromBeginning: true },
          // Raw bytes: the consumer runner validates them and dead-letters them unchanged.
          parser: { keepBinary: true },
          run: { autoCommit: true, partitionsConsumedConcurrently: 3 },
        },
      },
      // HTTP pipes and problem+json filters stay on HTTP; consumers handle their own errors.
    );
  }
  await app.init();
  if (settings.kafka) await app.startAllMicroservices();
  await app.listen(settings.port, settings.host);
  new NestLogger('Bootstrap').log(
    `${settings.name} listening on http://${settings.host}:${settings.port}`,
  );
  return app;
}
