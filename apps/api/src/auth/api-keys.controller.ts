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

import { IdempotencyKeyHeader, answerWith } from '../idempotency/idempotency-key.header';
import { AllowRoles, ApiKeyGuard } from './api-key.guard';
import { ApiKeysHandler, type ApiKeyIssued } from './api-keys.handler';
import { CurrentCaller, type Caller } from './caller';

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
    @IdempotencyKeyHeader() idempotencyKey: string | undefined,
  ): Promise<ApiKeyIssued> {
    return this.apiKeys.issue(request, caller, idempotencyKey);
  }

  @Delete(':id')
  @HttpCode(204)
  @AllowRoles('admin')
  async revoke(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentCaller() caller: Caller,
    @IdempotencyKeyHeader() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    answerWith(response, await this.apiKeys.revoke(id, caller, idempotencyKey));
  }
}
