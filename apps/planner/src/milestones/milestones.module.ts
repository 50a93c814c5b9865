import { Module } from '@nestjs/common';

import { DueMilestonesPoller } from './due-milestones.poller';
import { ReleaseEventsConsumer } from './release-events.consumer';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

@Module({
  controllers: [ReleaseEventsConsumer],
  providers: [ScheduleMilestonesHandler, DueMilestonesPoller],
})
export class MilestonesModule {}
