import { Module } from '@nestjs/common';

import { ApplyDirectoryEventHandler } from './apply-directory-event.handler';
import { DirectoryEventsConsumer } from './directory-events.consumer';

@Module({
  controllers: [DirectoryEventsConsumer],
  providers: [ApplyDirectoryEventHandler],
})
export class RecipientsModule {}
