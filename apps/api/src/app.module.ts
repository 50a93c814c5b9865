import { type DynamicModule, Module } from '@nestjs/common';

import type { Clock } from '@throughcare/clock';
import { ServiceInfrastructureModule } from '@throughcare/service-runtime';

import { AcknowledgementsModule } from './acknowledgements/acknowledgements.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { API_CONFIG, type ApiConfig } from './config/api.config';
import { ConsentModule } from './consent/consent.module';
import { API_SCHEMA, apiDataSourceOptions } from './database/api.data-source';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DirectoryModule } from './directory/directory.module';
import { DisclosureAuditModule } from './disclosure-audit/disclosure-audit.module';
import { IntakeModule } from './intake/intake.module';
import { MeasuresModule } from './measures/measures.module';
import { PeopleModule } from './people/people.module';
import { OpenApiModule } from './openapi/openapi.module';
import { PersonRecordModule } from './person-record/person-record.module';
import { PrescribingModule } from './prescribing/prescribing.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, clock: Clock): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ServiceInfrastructureModule.forRoot({
          service: 'api',
          schema: API_SCHEMA,
          logLevel: config.logLevel,
          dataSource: apiDataSourceOptions(config.databaseUrl),
          redisUrl: config.redisUrl,
          kafka: config.kafka,
          outboxPollIntervalMs: config.outboxPollIntervalMs,
          clock,
          config: { token: API_CONFIG, value: config },
        }),
        RateLimitsModule,
        AuthModule,
        ApiKeysModule,
        IntakeModule,
        PeopleModule,
        ConsentModule,
        DisclosureAuditModule,
        DirectoryModule,
        DeliveriesModule,
        AcknowledgementsModule,
        PersonRecordModule,
        PrescribingModule,
        MeasuresModule,
        // Off in production unless HUB_DOCS_ENABLED=true (docs/configuration.md).
        ...(config.docsEnabled ? [OpenApiModule] : []),
        RetentionModule,
      ],
    };
  }
}
