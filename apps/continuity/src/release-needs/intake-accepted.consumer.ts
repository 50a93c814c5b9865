import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  IntakeEventType,
  Topics,
  intakePayloadsByType,
  type IntakeAcceptedExtensions,
} from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { RecordReleaseNeedHandler } from './record-release-need.handler';

/** Events the hub accepted onto a person's record; late (superseded) facts change nothing. */
@Controller()
export class IntakeAcceptedConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly recordReleaseNeed: RecordReleaseNeedHandler,
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
      await this.recordReleaseNeed.execute(event);
    });
  }
}
