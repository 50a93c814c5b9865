import { Module } from '@nestjs/common';

import { DueMilestonesPoller } from './due-milestones.poller';
import { IntakeAcceptedConsumer } from './intake-accepted.consumer';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

@Module({
  controllers: [IntakeAcceptedConsumer],
  providers: [ScheduleMilestonesHandler, DueMilestonesPoller],
})
export class MilestonesModule {}
