import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';

import { ConsentV1, RiskOverrideV1, type FieldError } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { validationProblem } from '../http/problem-details';
import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { PersonAccessGuard } from '../person/person-access.guard';
import { ConsentQueries } from './consent.queries';
import type { ConsentRecordView, ConsentVersionView, RiskOverrideView } from './consent.views';
import { RecordConsentHandler } from './record-consent.handler';
import { RecordRiskOverrideHandler } from './record-risk-override.handler';

/**
 * The person's consent and risk overrides (docs/hub-interface.md §3, person record). A prison key reaches
 * only people with events at its establishments; admin reaches everyone.
 */
@Controller('v1/people/:prisonNumber')
@UseGuards(ApiKeyGuard, PersonAccessGuard)
@AllowRoles('prison')
export class ConsentController {
  constructor(
    private readonly recordConsent: RecordConsentHandler,
    private readonly recordRiskOverride: RecordRiskOverrideHandler,
    private readonly queries: ConsentQueries,
  ) {}

  @Put('consent')
  @HttpCode(200)
  async putConsent(
    @Param('prisonNumber') prisonNumber: string,
    @Body() consent: ConsentV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ConsentVersionView> {
    const outcome = await this.recordConsent.execute({
      prisonNumber,
      consent,
      caller,
      route,
    });
    return answerWith(response, outcome);
  }

  @Get('consent')
  getConsent(@Param('prisonNumber') prisonNumber: string): Promise<ConsentRecordView> {
    return this.queries.consentRecordOf(prisonNumber);
  }

  @Post('risk-override')
  @HttpCode(201)
  async postRiskOverride(
    @Param('prisonNumber') prisonNumber: string,
    @Body() override: RiskOverrideV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RiskOverrideView> {
    const errors = expiryErrors(override);
    if (errors.length > 0) throw new BadRequestException(validationProblem(errors));
    const outcome = await this.recordRiskOverride.execute({
      prisonNumber,
      override,
      caller,
      route,
    });
    return answerWith(response, outcome);
  }
}

/** An override that has expired before it was recorded would authorise nothing. */
export function expiryErrors(
  override: Pick<RiskOverrideV1, 'recordedAt' | 'expiresAt'>,
): FieldError[] {
  if (override.expiresAt === undefined) return [];
  if (Date.parse(override.expiresAt) > Date.parse(override.recordedAt)) return [];
  return [{ field: 'expiresAt', messages: ['expiresAt must be after recordedAt'] }];
}
