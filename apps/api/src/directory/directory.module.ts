import { Module } from '@nestjs/common';

import { DirectoryController } from './directory.controller';
import { RegisterOrganisationHandler } from './register-organisation.handler';
import { RegisterSubscriptionHandler } from './register-subscription.handler';

@Module({
  controllers: [DirectoryController],
  providers: [RegisterOrganisationHandler, RegisterSubscriptionHandler],
})
export class DirectoryModule {}
