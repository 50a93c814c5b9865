import { type DynamicModule, Module } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import { ServiceInfrastructureModule } from '@throughcare/service-runtime';

import { CONTINUITY_CONFIG, type ContinuityConfig } from './config/continuity.config';
import { CONTINUITY_SCHEMA, continuityDataSourceOptions } from './database/continuity.data-source';
import { PersonContinuityModule } from './person-continuity/person-continuity.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class ContinuityModule {
  static forRoot(config: ContinuityConfig, clock: Clock): DynamicModule {
    return {
      module: ContinuityModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'continuity',
          schema: CONTINUITY_SCHEMA,
          logLevel: config.logLevel,
          dataSource: continuityDataSourceOptions(config.databaseUrl),
          redisUrl: config.redisUrl,
          kafka: config.kafka,
          outboxPollIntervalMs: config.outboxPollIntervalMs,
          clock,
          config: { token: CONTINUITY_CONFIG, value: config },
        }),
        PersonContinuityModule,
        RetentionModule,
      ],
    };
  }
}
