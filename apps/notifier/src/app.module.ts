import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import { ServiceInfrastructureModule } from '@throughcare/service-runtime';

import { NOTIFIER_CONFIG, type NotifierConfig } from './config/notifier.config';
import { NOTIFIER_SCHEMA, notifierDataSourceOptions } from './database/notifier.data-source';
import { ConsentModule } from './consent/consent.module';
import { ContinuityModule } from './continuity/continuity.module';
import { NoticesModule } from './notices/notices.module';
import { RecipientsModule } from './recipients/recipients.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class NotifierModule {
  static forRoot(config: NotifierConfig, clock: Clock): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'notifier',
          schema: NOTIFIER_SCHEMA,
          logLevel: config.logLevel,
          dataSource: notifierDataSourceOptions(config.databaseUrl),
          redisUrl: config.redisUrl,
          kafka: config.kafka,
          outboxPollIntervalMs: config.outboxPollIntervalMs,
          clock,
          config: { token: NOTIFIER_CONFIG, value: config },
        }),
        BullModule.forRoot({
          connection: { url: config.redisUrl, maxRetriesPerRequest: null },
          prefix: config.bullPrefix,
        }),
        RecipientsModule,
        NoticesModule,
        ConsentModule,
        ContinuityModule,
        RetentionModule,
      ],
    };
  }
}
