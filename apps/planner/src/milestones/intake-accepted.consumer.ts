import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  IntakeEventType,
  Topics,
  intakePayloadsByType,
  type IntakeAcceptedExtensions,
} from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

/** Events the hub accepted onto a person's record; late (superseded) facts change nothing. */
@Controller()
export class IntakeAcceptedConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly scheduleMilestones: ScheduleMilestonesHandler,
  ) {}

  @EventPattern(Topics.IntakeAccepted)
  async onIntakeAccepted(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, intakePayloadsByType(), async (event) => {
      const { custodychange } = event.envelope as unknown as IntakeAcceptedExtensions;
      if (
        event.envelope.type !== IntakeEventType.ReleasePlanned ||
        custodychange === 'RECORDED_LATE'
      )
        return;
      await this.scheduleMilestones.execute(event);
    });
  }
}
