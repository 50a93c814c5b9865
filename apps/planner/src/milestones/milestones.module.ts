import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { QueueName } from '@throughcare/contracts';

import { FireMilestoneHandler } from './fire-milestone.handler';
import { IntakeAcceptedConsumer } from './intake-accepted.consumer';
import { MilestoneReconciler } from './milestone-reconciler.service';
import { MilestoneTimerProcessor } from './milestone-timer.processor';
import { MilestoneTimers } from './milestone-timers.service';
import { ReleaseEndedHandler } from './release-ended.handler';
import { ReleaseRetractedHandler } from './release-retracted.handler';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

@Module({
  imports: [
    BullModule.registerQueue({
      name: QueueName.MilestoneTimers,
      // The row records what was sent; a timer that fails is retried, then the reconciler takes over.
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: false,
      },
    }),
  ],
  controllers: [IntakeAcceptedConsumer],
  providers: [
    ScheduleMilestonesHandler,
    ReleaseEndedHandler,
    ReleaseRetractedHandler,
    FireMilestoneHandler,
    MilestoneTimers,
    MilestoneTimerProcessor,
    MilestoneReconciler,
  ],
  exports: [MilestoneReconciler],
})
export class MilestonesModule {}
