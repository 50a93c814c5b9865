import { Module } from '@nestjs/common';

import { IdempotentWrites } from './idempotent-writes.service';

/** Idempotency-Key handling for the API's writes (docs/hub-interface.md §3). */
@Module({
  providers: [IdempotentWrites],
  exports: [IdempotentWrites],
})
export class IdempotencyModule {}
