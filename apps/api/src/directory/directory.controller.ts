import { Body, Controller, ForbiddenException, HttpCode, Post, UseGuards } from '@nestjs/common';

import { OrganisationV1, SubscriptionRequestV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { problem } from '../http/problem-details';
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
  @AllowRoles('subscriber')
  createSubscription(
    @Body() request: SubscriptionRequestV1,
    @CurrentCaller() caller: Caller,
  ): Promise<SubscriptionCreated> {
    // A subscriber registers webhooks for its own organisation only (contract.md §3).
    if (caller.role === 'subscriber' && caller.organisationId !== request.organisationId) {
      throw new ForbiddenException(
        problem(
          403,
          'forbidden',
          'Not your organisation',
          'A subscriber key registers webhooks only for its own organisation',
        ),
      );
    }
    return this.registerSubscription.execute(request);
  }
}
