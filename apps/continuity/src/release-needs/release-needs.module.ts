import { Module } from '@nestjs/common';

import { RecordReleaseNeedHandler } from './record-release-need.handler';
import { IntakeAcceptedConsumer } from './intake-accepted.consumer';

@Module({
  controllers: [IntakeAcceptedConsumer],
  providers: [RecordReleaseNeedHandler],
})
export class ReleaseNeedsModule {}
