import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ContinuityRecordConsumer } from './continuity-record.consumer';
import { IssueBridgingScriptHandler } from './issue-bridging-script.handler';
import { PrescribingController } from './prescribing.controller';

@Module({
  imports: [IdempotencyModule],
  controllers: [PrescribingController, ContinuityRecordConsumer],
  providers: [IssueBridgingScriptHandler],
})
export class PrescribingModule {}
