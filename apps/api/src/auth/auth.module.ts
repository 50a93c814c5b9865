import { Global, Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysHandler } from './api-keys.handler';

@Global()
@Module({
  imports: [IdempotencyModule],
  controllers: [ApiKeysController],
  providers: [ApiKeyGuard, ApiKeysHandler],
  exports: [ApiKeyGuard],
})
export class AuthModule {}
