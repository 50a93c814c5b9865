import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';

import { ApiKeyRequestV1 } from '@throughcare/contracts';

import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { ApiKeysHandler, type ApiKeyIssued } from './api-keys.handler';
import { CurrentCaller, type Caller } from '../auth/caller';

@Controller('v1/api-keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysHandler) {}

  @Post()
  @HttpCode(201)
  @AllowRoles('admin')
  issue(
    @Body() request: ApiKeyRequestV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
  ): Promise<ApiKeyIssued> {
    return this.apiKeys.issue(request, caller, route);
  }

  @Delete(':id')
  @HttpCode(204)
  @AllowRoles('admin')
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    answerWith(response, await this.apiKeys.revoke(id, caller, route));
  }
}
