import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';

import { OrganisationV1, SubscriptionRequestV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { RegisterOrganisationHandler } from './register-organisation.handler';
import {
  RegisterSubscriptionHandler,
  type SubscriptionCreated,
} from './register-subscription.handler';

/** The directory of organisations and their webhook subscriptions (contract.md §3). */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class DirectoryController {
  constructor(
    private readonly registerOrganisation: RegisterOrganisationHandler,
    private readonly registerSubscription: RegisterSubscriptionHandler,
  ) {}

  @Post('organisations')
  @HttpCode(201)
  @AllowRoles('admin')
  createOrganisation(@Body() organisation: OrganisationV1): Promise<{ organisationId: string }> {
    return this.registerOrganisation.execute(organisation);
  }

  @Post('subscriptions')
  @HttpCode(201)
  @AllowRoles('admin')
  createSubscription(@Body() request: SubscriptionRequestV1): Promise<SubscriptionCreated> {
    return this.registerSubscription.execute(request);
  }
}
