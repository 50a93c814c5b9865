import {
  Logger as NestLogger,
  type DynamicModule,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions } from '@nestjs/microservices';
import express from 'express';
import { Partitioners } from 'kafkajs';
import { Logger } from 'nestjs-pino';

import { correlationMiddleware } from '@throughcare/observability';

import { parseBrokers } from '@throughcare/messaging';

import { SupervisedKafkaServer } from './supervised-kafka-server';

const FETCH_BYTES_PER_PARTITION = 32 * 1024;
const PARTITIONS_CONSUMED_CONCURRENTLY = 8;

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
        strategy: new SupervisedKafkaServer({
          postfixId: '',
          client: {
            clientId: `throughcare-${settings.name}`,
            brokers: parseBrokers(settings.kafka.brokers),
          },
          consumer: {
            groupId: settings.kafka.groupId,
            allowAutoTopicCreation: false,
            retry: { retries: 10 },
            // Small fetches: kafkajs fetches again only when every batch of the last fetch is
            // handled, so a 1 MB batch of one busy topic (500 messages) kept a service's other
            // topics waiting for seconds (the notifier's consent copy fell behind its notices,
            // issue 13). About 16 messages of 2 KB per partition per fetch.
            maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
          },
          // Nest's own producer (replies, never used here) with the partitioner the hub pins,
          // so kafkajs does not warn about its changed default at every start.
          producer: { createPartitioner: Partitioners.DefaultPartitioner },
          subscribe: { fromBeginning: true },
          // Raw bytes: the consumer runner validates them and dead-letters them unchanged.
          parser: { keepBinary: true },
          // Up to 8 partitions of the service's topics at once (3 each): one busy topic's batches
          // do not queue another topic's behind them; order is kept within each partition. Each
          // handler holds a pooled database connection only inside its transaction.
          run: {
            autoCommit: true,
            partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
          },
        }),
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
