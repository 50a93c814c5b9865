import { Module } from '@nestjs/common';

import { DeliveryModule } from '../delivery/delivery.module';
import { AcceptNoticeHandler } from './accept-notice.handler';
import { NoticeDueConsumer } from './notice-due.consumer';

@Module({
  imports: [DeliveryModule],
  controllers: [NoticeDueConsumer],
  providers: [AcceptNoticeHandler],
  exports: [AcceptNoticeHandler],
})
export class NoticesModule {}
