import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { databaseQueries } from '@throughcare/persistence';
import { Counter, type Registry } from 'prom-client';
import { KafkaProducer, MessagingModule } from '@throughcare/messaging';
import {
  HealthModule,
  HubLoggerModule,
  METRICS_REGISTRY,
  MetricsModule,
  READINESS_CHECKS,
  kafkaCheck,
  postgresCheck,
  redisCheck,
} from '@throughcare/observability';

export const SERVICE_REDIS = Symbol('ServiceRedis');
const DATABASE_QUERY_METRIC = Symbol('DatabaseQueryMetric');

export interface ServiceInfrastructureSettings {
  service: string;
  schema: string;
  logLevel: string;
  dataSource: DataSourceOptions;
  redisUrl: string;
  kafka: {
    brokers: string;
    topicPartitions: number;
    fieldKeys: { currentKeyId: string; keys: string };
    /** retention.ms of the `.dlq` topics (RETENTION_DLQ_DAYS). */
    dlqRetentionMs?: number;
  };
  outboxPollIntervalMs: number;
  clock: Clock;
  /** The service's own configuration object, provided under its token. */
  config: { token: symbol; value: unknown };
}

/**
 * What every service stands on: JSON logs, metrics, its PostgreSQL schema, Kafka producer and
 * outbox relay, a Redis connection, the clock, and readiness over all three dependencies.
 */
/** Closes the service's Redis connection at shutdown, so the process can exit. */
@Injectable()
class RedisConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(settings: ServiceInfrastructureSettings): DynamicModule {
    const providers: Provider[] = [
      { provide: settings.config.token, useValue: settings.config.value },
      { provide: CLOCK, useValue: settings.clock },
      {
        provide: SERVICE_REDIS,
        useFactory: () => new Redis(settings.redisUrl, { maxRetriesPerRequest: 1 }),
      },
      RedisConnectionCloser,
      {
        // Round trips to PostgreSQL, counted where TypeORM sends them: per message, the divisor
        // of the cost the benchmark reports.
        provide: DATABASE_QUERY_METRIC,
        inject: [METRICS_REGISTRY],
        useFactory: (registry: Registry) =>
          new Counter({
            name: 'throughcare_db_queries_total',
            help: 'Statements sent to PostgreSQL by this process',
            registers: [registry],
            collect() {
              this.reset();
              this.inc(databaseQueries.count);
            },
          }),
      },
    ];
    return {
      module: ServiceInfrastructureModule,
      imports: [
        HubLoggerModule.forRoot({ service: settings.service, level: settings.logLevel }),
        MetricsModule.forRoot(settings.service),
        TypeOrmModule.forRoot(settings.dataSource),
        MessagingModule.forRoot({
          serviceName: settings.service,
          schema: settings.schema,
          brokers: settings.kafka.brokers,
          topicPartitions: settings.kafka.topicPartitions,
          fieldKeys: settings.kafka.fieldKeys,
          dlqRetentionMs: settings.kafka.dlqRetentionMs,
          outboxPollIntervalMs: settings.outboxPollIntervalMs,
        }),
        HealthModule.forRoot({
          provide: READINESS_CHECKS,
          inject: [DataSource, SERVICE_REDIS, KafkaProducer],
          useFactory: (dataSource: DataSource, redis: Redis, producer: KafkaProducer) => [
            postgresCheck(dataSource),
            redisCheck(redis),
            kafkaCheck(() => producer.isConnected()),
          ],
        }),
      ],
      providers,
      exports: providers,
    };
  }
}
