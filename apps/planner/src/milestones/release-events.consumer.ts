import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { IntakeEventType, ReleasePlannedV1, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ScheduleMilestonesHandler } from './schedule-milestones.handler';

@Controller()
export class ReleaseEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly scheduleMilestones: ScheduleMilestonesHandler,
  ) {}

  @EventPattern(Topics.Release)
  async onRelease(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      { [IntakeEventType.ReleasePlanned]: ReleasePlannedV1 },
      (event) => this.scheduleMilestones.execute(event),
    );
  }
}
