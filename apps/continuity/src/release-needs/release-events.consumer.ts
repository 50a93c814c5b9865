import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { IntakeEventType, ReleasePlannedV1, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { RecordReleaseNeedHandler } from './record-release-need.handler';

@Controller()
export class ReleaseEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly recordReleaseNeed: RecordReleaseNeedHandler,
  ) {}

  @EventPattern(Topics.Release)
  async onRelease(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      { [IntakeEventType.ReleasePlanned]: ReleasePlannedV1 },
      (event) => this.recordReleaseNeed.execute(event),
    );
  }
}
