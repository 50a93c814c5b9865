import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import Redis from 'ioredis';
import { Pool } from 'pg';

import { AccountController } from './accounts/account.controller';
import { SignInController } from './accounts/sign-in.controller';
import { SignInService } from './accounts/sign-in.service';
import { StaffAccounts } from './accounts/staff-accounts.repository';
import { AdminController } from './audit/admin.controller';
import { AuditLog } from './audit/audit-log';
import { CaseloadController } from './caseload/caseload.controller';
import { CONSOLE_CONFIG, type ConsoleConfig } from './config/console.config';
import { CONSOLE_POOL, CONSOLE_REDIS } from './database/console-pool';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { DirectoryController } from './directory/directory.controller';
import { HubApi } from './hub-api/hub-api.client';
import { ErrorPagesFilter } from './http/error-pages.filter';
import { HealthController } from './http/health.controller';
import { SignedInGuard } from './http/signed-in.guard';
import { OidcSignInController } from './oidc/oidc-sign-in.controller';
import { OidcSignIn } from './oidc/oidc-sign-in.service';
import { PersonPageController } from './people/person-page.controller';
import { PrescribingController } from './prescribing/prescribing.controller';
import { SessionStore } from './sessions/session-store';

/** The console (issue 15, docs/console.md): pages for people, over the hub's HTTP API. */
@Module({})
export class ConsoleModule implements OnApplicationShutdown {
  constructor(
    @Inject(CONSOLE_POOL) private readonly pool: Pool,
    @Inject(CONSOLE_REDIS) private readonly redis: Redis,
  ) {}

  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [
        HealthController,
        SignInController,
        OidcSignInController,
        AccountController,
        CaseloadController,
        PersonPageController,
        PrescribingController,
        DeliveriesController,
        AdminController,
        DirectoryController,
      ],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        {
          provide: CONSOLE_POOL,
          useFactory: () => new Pool({ connectionString: config.databaseUrl, max: 5 }),
        },
        {
          provide: CONSOLE_REDIS,
          useFactory: () =>
            new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false }),
        },
        { provide: APP_GUARD, useClass: SignedInGuard },
        { provide: APP_FILTER, useClass: ErrorPagesFilter },
        StaffAccounts,
        AuditLog,
        SessionStore,
        SignInService,
        HubApi,
        OidcSignIn,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
    this.redis.disconnect();
  }
}
