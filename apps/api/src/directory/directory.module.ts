import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { DirectoryController } from './directory.controller';
import { RegisterOrganisationHandler } from './register-organisation.handler';
import { RegisterSubscriptionHandler } from './register-subscription.handler';
import { SubscriptionLifecycleHandler } from './subscription-lifecycle.handler';

@Module({
  imports: [IdempotencyModule],
  controllers: [DirectoryController],
  providers: [
    RegisterOrganisationHandler,
    RegisterSubscriptionHandler,
    SubscriptionLifecycleHandler,
  ],
})
export class DirectoryModule {}
