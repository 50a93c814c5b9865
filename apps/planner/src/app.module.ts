import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import { ServiceInfrastructureModule } from '@throughcare/service-runtime';

import { PLANNER_CONFIG, type PlannerConfig } from './config/planner.config';
import { PLANNER_SCHEMA, plannerDataSourceOptions } from './database/planner.data-source';
import { MilestonesModule } from './milestones/milestones.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class PlannerModule {
  static forRoot(config: PlannerConfig, clock: Clock): DynamicModule {
    return {
      module: PlannerModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'planner',
          schema: PLANNER_SCHEMA,
          logLevel: config.logLevel,
          dataSource: plannerDataSourceOptions(config.databaseUrl),
          redisUrl: config.redisUrl,
          kafka: config.kafka,
          outboxPollIntervalMs: config.outboxPollIntervalMs,
          clock,
          config: { token: PLANNER_CONFIG, value: config },
        }),
        BullModule.forRoot({
          connection: { url: config.redisUrl, maxRetriesPerRequest: null },
          prefix: config.bullPrefix,
        }),
        MilestonesModule,
        RetentionModule,
      ],
    };
  }
}
