import { Body, Controller, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';

import { AcknowledgementV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { AcknowledgeNoticeHandler, type AcknowledgementView } from './acknowledge-notice.handler';

/**
 * A recipient acknowledges a notice it received, named by its `webhook-id` (ACK-01). A subscriber
 * key reaches only its own organisation's deliveries (404 otherwise, as GET /v1/deliveries/{id});
 * admin acknowledges on an organisation's behalf (the console).
 */
@Controller('v1/notices')
@UseGuards(ApiKeyGuard)
@AllowRoles('subscriber')
export class AcknowledgementsController {
  constructor(private readonly acknowledge: AcknowledgeNoticeHandler) {}

  @Post(':webhookId/acknowledgements')
  @HttpCode(201)
  async post(
    @Param('webhookId') webhookId: string,
    @Body() body: AcknowledgementV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcknowledgementView> {
    const outcome = await this.acknowledge.execute({ webhookId, body, caller, route });
    return answerWith(response, outcome);
  }
}
