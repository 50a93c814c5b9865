import {
  Body,
  Controller,
  Delete,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';

import { ApiKeyRequestV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from './api-key.guard';
import { ApiKeysHandler, type ApiKeyIssued } from './api-keys.handler';

@Controller('v1/api-keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysHandler) {}

  @Post()
  @HttpCode(201)
  @AllowRoles('admin')
  issue(@Body() request: ApiKeyRequestV1): Promise<ApiKeyIssued> {
    return this.apiKeys.issue(request);
  }

  @Delete(':id')
  @HttpCode(204)
  @AllowRoles('admin')
  revoke(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
