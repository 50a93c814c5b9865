import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';

import {
  OrganisationContactsV1,
  OrganisationV1,
  SubscriptionRequestV1,
} from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { problem } from '../http/problem-details';
import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { ChangeOrganisationContactsHandler } from './change-organisation-contacts.handler';
import { ListOrganisationsQuery, type OrganisationView } from './list-organisations.query';
import { RegisterOrganisationHandler } from './register-organisation.handler';
import {
  RegisterSubscriptionHandler,
  type SubscriptionCreated,
} from './register-subscription.handler';
import {
  SubscriptionLifecycleHandler,
  type SecretRotated,
  type SubscriptionView,
} from './subscription-lifecycle.handler';

/** The directory of organisations and their webhook subscriptions (docs/hub-interface.md §3). */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class DirectoryController {
  constructor(
    private readonly registerOrganisation: RegisterOrganisationHandler,
    private readonly registerSubscription: RegisterSubscriptionHandler,
    private readonly subscriptions: SubscriptionLifecycleHandler,
    private readonly listOrganisations: ListOrganisationsQuery,
    private readonly changeContacts: ChangeOrganisationContactsHandler,
  ) {}

  /** The directory, for admins (the console's organisations page, docs/console.md). */
  @Get('organisations')
  @AllowRoles('admin')
  async organisations(): Promise<{ organisations: OrganisationView[] }> {
    return { organisations: await this.listOrganisations.execute() };
  }

  @Post('organisations')
  @HttpCode(201)
  @AllowRoles('admin')
  async createOrganisation(
    @Body() organisation: OrganisationV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ organisationId: string }> {
    return answerWith(
      response,
      await this.registerOrganisation.execute(organisation, caller, route),
    );
  }

  /** Replaces the SPOC and second contact; the notifier's e-mails follow (ACK-04). */
  @Put('organisations/:organisationId/contacts')
  @AllowRoles('admin')
  async putContacts(
    @Param('organisationId') organisationId: string,
    @Body() contacts: OrganisationContactsV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrganisationView> {
    if (!/^[a-z0-9-]{3,64}$/.test(organisationId))
      throw new NotFoundException(
        problem(
          404,
          'not-found',
          'No such organisation',
          'organisationId must match [a-z0-9-]{3,64}',
        ),
      );
    return answerWith(
      response,
      await this.changeContacts.execute(organisationId, contacts, caller, route),
    );
  }

  @Post('subscriptions')
  @HttpCode(201)
  @AllowRoles('subscriber')
  async createSubscription(
    @Body() request: SubscriptionRequestV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriptionCreated> {
    // A subscriber registers webhooks for its own organisation only (docs/hub-interface.md §3).
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
    return answerWith(response, await this.registerSubscription.execute(request, caller, route));
  }

  @Get('subscriptions')
  @AllowRoles('subscriber')
  async listSubscriptions(
    @CurrentCaller() caller: Caller,
    @Query('organisationId') organisationId?: string,
  ): Promise<{ subscriptions: SubscriptionView[] }> {
    if (caller.role === 'admin')
      return { subscriptions: await this.subscriptions.list(organisationId) };
    if (!caller.organisationId || (organisationId && organisationId !== caller.organisationId))
      throw new ForbiddenException(
        problem(
          403,
          'forbidden',
          'Not your organisation',
          'A subscriber key lists only its own webhooks',
        ),
      );
    return { subscriptions: await this.subscriptions.list(caller.organisationId) };
  }

  /** A new signing secret, shown once; the previous one keeps signing until the overlap ends. */
  @Post('subscriptions/:id/rotate-secret')
  @HttpCode(201)
  @AllowRoles('subscriber')
  async rotateSecret(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SecretRotated> {
    return answerWith(response, await this.subscriptions.rotateSecret(caller, id, route));
  }

  /** Switches a disabled endpoint back on; the notices that waited go out in order. */
  @Post('subscriptions/:id/enable')
  @HttpCode(202)
  @AllowRoles('subscriber')
  async enable(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SubscriptionView> {
    return answerWith(response, await this.subscriptions.enable(caller, id, route));
  }
}
