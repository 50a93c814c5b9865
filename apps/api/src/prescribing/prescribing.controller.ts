import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

import {
  BridgingIssuedV1,
  BridgingRequestsQueryV1,
  type BridgingRequestV1,
} from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { BridgingRequestEntity, toBridgingRequestView } from './bridging-request.entity';
import { IssueBridgingScriptHandler } from './issue-bridging-script.handler';
import { assertCallerCovers } from '../auth/establishment-scope';

/**
 * FP10 / FP10MDA bridging requests for prison prescribers (docs/hub-interface.md §3; OST-03, OST-07).
 * A prison key sees its own establishments' requests; admin sees all.
 */
@Controller('v1/prescribing/bridging-requests')
@UseGuards(ApiKeyGuard)
@AllowRoles('prison')
export class PrescribingController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issueScript: IssueBridgingScriptHandler,
  ) {}

  /** Urgent first (court releases, short notice), then oldest first. */
  @Get()
  async list(
    @Query() query: BridgingRequestsQueryV1,
    @CurrentCaller() caller: Caller,
  ): Promise<BridgingRequestV1[]> {
    const builder = this.dataSource
      .getRepository(BridgingRequestEntity)
      .createQueryBuilder('r')
      .orderBy('r.urgent', 'DESC')
      .addOrderBy('r.opened_at', 'ASC');
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.establishment)
      builder.andWhere('r.establishment = :establishment', { establishment: query.establishment });
    if (query.establishment) assertCallerCovers(caller, query.establishment);
    if (caller.role === 'prison')
      builder.andWhere('r.establishment IN (:...mine)', { mine: caller.establishments });
    return (await builder.getMany()).map(toBridgingRequestView);
  }

  @Post(':id/issued')
  @HttpCode(202)
  async issued(
    @Param('id', new ParseUUIDPipe()) requestId: string,
    @Body() issued: BridgingIssuedV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BridgingRequestV1> {
    const outcome = await this.issueScript.execute({ requestId, issued, caller, route });
    return answerWith(response, outcome);
  }
}
