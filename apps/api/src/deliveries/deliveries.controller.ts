import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';

import {
  DELIVERIES_PAGE_DEFAULT,
  DeliveriesQueryV1,
  DomainError,
  DomainErrorCode,
  type FieldError,
} from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { problem, validationProblem } from '../http/problem-details';
import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { DeliveriesQueries } from './deliveries.queries';
import { listScope, maySee } from './delivery-access';
import { decodeCursor } from './delivery-cursor';
import {
  toDeliveryView,
  type DeliveryPage,
  type DeliveryView,
  type ReplayAccepted,
} from './delivery.views';
import { RequestReplayHandler } from './request-replay.handler';

/**
 * A subscriber's deliveries and their attempts, and replay (docs/hub-interface.md §3). A subscriber key
 * reaches only its own organisation's deliveries, never a withheld one; admin reaches all.
 */
@Controller('v1/deliveries')
@UseGuards(ApiKeyGuard)
@AllowRoles('subscriber')
export class DeliveriesController {
  constructor(
    private readonly queries: DeliveriesQueries,
    private readonly requestReplay: RequestReplayHandler,
  ) {}

  @Get()
  async list(
    @Query() query: DeliveriesQueryV1,
    @CurrentCaller() caller: Caller,
  ): Promise<DeliveryPage> {
    const scoped = listScope(caller, query.organisationId);
    if (!scoped.ok)
      throw new ForbiddenException(
        problem(
          403,
          'forbidden',
          'Not your organisation',
          "A subscriber key reads only its own organisation's deliveries",
        ),
      );
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const errors = listErrors(query, after);
    if (errors.length > 0) throw new BadRequestException(validationProblem(errors));
    return this.queries.page({
      scope: scoped.scope,
      limit: query.limit ?? DELIVERIES_PAGE_DEFAULT,
      ...(query.status ? { status: query.status } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      ...(after ? { after } : {}),
    });
  }

  @Get(':deliveryId')
  async get(
    @Param('deliveryId') deliveryId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<DeliveryView> {
    const delivery = await this.queries.find(deliveryId);
    if (!delivery || !maySee(caller, delivery))
      throw new DomainError(DomainErrorCode.NotFound, `no delivery ${deliveryId}`);
    return toDeliveryView(delivery);
  }

  @Post(':deliveryId/replay')
  @HttpCode(202)
  async replay(
    @Param('deliveryId') deliveryId: string,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReplayAccepted> {
    const outcome = await this.requestReplay.execute({ deliveryId, caller, route });
    return answerWith(response, outcome);
  }
}

/** What the DTO cannot check on its own: a cursor the API wrote, and `to` after `from`. */
export function listErrors(
  query: Pick<DeliveriesQueryV1, 'cursor' | 'from' | 'to'>,
  after: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  if (query.cursor !== undefined && after === null)
    errors.push({ field: 'cursor', messages: ['cursor must be a nextCursor the API returned'] });
  if (query.from && query.to && Date.parse(query.to) <= Date.parse(query.from))
    errors.push({ field: 'to', messages: ['to must be after from'] });
  return errors;
}
