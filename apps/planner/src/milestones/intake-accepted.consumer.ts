import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { IntakeEventType, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { INTAKE_ACCEPTED, type IntakeAccepted } from './intake-accepted.messages';
import { ReleaseEndedHandler } from './release-ended.handler';
import { ReleaseRetractedHandler } from './release-retracted.handler';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

/** Events the hub accepted onto a person's record; late (superseded) facts change nothing. */
@Controller()
export class IntakeAcceptedConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly scheduleMilestones: ScheduleMilestonesHandler,
    private readonly releaseEnded: ReleaseEndedHandler,
    private readonly releaseRetracted: ReleaseRetractedHandler,
  ) {}

  @EventPattern(Topics.IntakeAccepted)
  async onIntakeAccepted(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, INTAKE_ACCEPTED, (event) => this.route(event));
  }

  private async route(event: IntakeAccepted): Promise<void> {
    if (event.extensions.custodychange === 'RECORDED_LATE') return;
    switch (event.type) {
      case IntakeEventType.ReleasePlanned:
        return this.scheduleMilestones.execute(event);
      // These end the countdown.
      case IntakeEventType.ReleaseCancelled:
      case IntakeEventType.ReleaseDischarged:
      case IntakeEventType.CourtReleaseReleased:
        return this.releaseEnded.execute(event);
      // A provisional release withdrawn: told to those told, its milestones armed again (REL-09).
      case IntakeEventType.ReleaseRetracted:
        return this.releaseRetracted.execute(event);
      default:
        return;
    }
  }
}
