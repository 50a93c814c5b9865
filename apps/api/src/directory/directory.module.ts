import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ChangeOrganisationContactsHandler } from './change-organisation-contacts.handler';
import { DirectoryController } from './directory.controller';
import { ListOrganisationsQuery } from './list-organisations.query';
import { RegisterOrganisationHandler } from './register-organisation.handler';
import { RegisterSubscriptionHandler } from './register-subscription.handler';
import { SubscriptionLifecycleHandler } from './subscription-lifecycle.handler';

@Module({
  imports: [IdempotencyModule],
  controllers: [DirectoryController],
  providers: [
    RegisterOrganisationHandler,
    ListOrganisationsQuery,
    ChangeOrganisationContactsHandler,
    RegisterSubscriptionHandler,
    SubscriptionLifecycleHandler,
  ],
})
export class DirectoryModule {}
