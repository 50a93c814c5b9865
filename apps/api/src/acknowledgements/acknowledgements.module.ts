import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AcknowledgeNoticeHandler } from './acknowledge-notice.handler';
import { AcknowledgementsController } from './acknowledgements.controller';

/** Acknowledgements of notices by their recipients (issue 16, ACK-01). */
@Module({
  imports: [IdempotencyModule],
  controllers: [AcknowledgementsController],
  providers: [AcknowledgeNoticeHandler],
})
export class AcknowledgementsModule {}
