import { Module } from '@nestjs/common';

import { DisarmMilestonesHandler } from './disarm-milestones.handler';
import { DueMilestonesPoller } from './due-milestones.poller';
import { IntakeAcceptedConsumer } from './intake-accepted.consumer';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

@Module({
  controllers: [IntakeAcceptedConsumer],
  providers: [ScheduleMilestonesHandler, DisarmMilestonesHandler, DueMilestonesPoller],
})
export class MilestonesModule {}
