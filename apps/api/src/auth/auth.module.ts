import { Global, Module } from '@nestjs/common';

import { ApiKeyGuard } from './api-key.guard';

/** Who is calling: the API key guard every controller runs first (global). */
@Global()
@Module({
  providers: [ApiKeyGuard],
  exports: [ApiKeyGuard],
})
export class AuthModule {}
