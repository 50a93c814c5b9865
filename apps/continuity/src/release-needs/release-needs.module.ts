import { Module } from '@nestjs/common';

import { RecordReleaseNeedHandler } from './record-release-need.handler';
import { ReleaseEventsConsumer } from './release-events.consumer';

@Module({
  controllers: [ReleaseEventsConsumer],
  providers: [RecordReleaseNeedHandler],
})
export class ReleaseNeedsModule {}
