import { Module } from '@nestjs/common';

import { DeliveryModule } from '../delivery/delivery.module';
import { ApplyDirectoryEventHandler } from './apply-directory-event.handler';
import { DirectoryEventsConsumer } from './directory-events.consumer';

@Module({
  imports: [DeliveryModule],
  controllers: [DirectoryEventsConsumer],
  providers: [ApplyDirectoryEventHandler],
})
export class RecipientsModule {}
