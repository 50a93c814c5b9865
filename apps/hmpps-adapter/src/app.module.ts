import { type DynamicModule, Module } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import { ServiceInfrastructureModule } from '@throughcare/service-runtime';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from './config/hmpps-adapter.config';
import {
  HMPPS_ADAPTER_SCHEMA,
  hmppsAdapterDataSourceOptions,
} from './database/hmpps-adapter.data-source';
import { DomainEventsModule } from './domain-events/domain-events.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class HmppsAdapterModule {
  static forRoot(config: HmppsAdapterConfig, clock: Clock): DynamicModule {
    return {
      module: HmppsAdapterModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'hmpps-adapter',
          schema: HMPPS_ADAPTER_SCHEMA,
          logLevel: config.logLevel,
          dataSource: hmppsAdapterDataSourceOptions(config.databaseUrl),
          redisUrl: config.redisUrl,
          kafka: config.kafka,
          outboxPollIntervalMs: config.outboxPollIntervalMs,
          clock,
          config: { token: HMPPS_ADAPTER_CONFIG, value: config },
        }),
        DomainEventsModule,
        RetentionModule,
      ],
    };
  }
}
