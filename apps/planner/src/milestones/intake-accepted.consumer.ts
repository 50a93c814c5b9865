import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  IntakeEventType,
  Topics,
  intakePayloadsByType,
  type IntakeAcceptedExtensions,
} from '@throughcare/contracts';
import { ConsumedEventRunner, type ValidEvent } from '@throughcare/messaging';

import { ReleaseEndedHandler } from './release-ended.handler';
import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

const ENDS_THE_COUNTDOWN: ReadonlySet<string> = new Set([
  IntakeEventType.ReleaseCancelled,
  IntakeEventType.ReleaseDischarged,
  IntakeEventType.CourtReleaseReleased,
]);

/** Events the hub accepted onto a person's record; late (superseded) facts change nothing. */
@Controller()
export class IntakeAcceptedConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly scheduleMilestones: ScheduleMilestonesHandler,
    private readonly releaseEnded: ReleaseEndedHandler,
  ) {}

  @EventPattern(Topics.IntakeAccepted)
  async onIntakeAccepted(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, intakePayloadsByType(), (event) => this.route(event));
  }

  private async route(event: ValidEvent): Promise<void> {
    const { custodychange } = event.envelope as unknown as IntakeAcceptedExtensions;
    if (custodychange === 'RECORDED_LATE') return;
    if (event.envelope.type === IntakeEventType.ReleasePlanned)
      return this.scheduleMilestones.execute(event);
    if (ENDS_THE_COUNTDOWN.has(event.envelope.type)) return this.releaseEnded.execute(event);
  }
}
