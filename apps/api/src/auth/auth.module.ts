import { Global, Module } from '@nestjs/common';

import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysHandler } from './api-keys.handler';

@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyGuard, ApiKeysHandler],
  exports: [ApiKeyGuard],
})
export class AuthModule {}
