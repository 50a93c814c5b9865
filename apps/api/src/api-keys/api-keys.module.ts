import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysHandler } from './api-keys.handler';

/** Issuing and revoking API keys: a write on the directory's organisations, above auth. */
@Module({
  imports: [IdempotencyModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysHandler],
})
export class ApiKeysModule {}
