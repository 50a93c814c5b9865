import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { DeliveryEventType, DeliveryReplayRequestedV1, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ReplayDeliveryHandler } from './replay-delivery.handler';

/** Commands about deliveries from the API: replay. */
@Controller()
export class DeliveryCommandsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly replay: ReplayDeliveryHandler,
  ) {}

  @EventPattern(Topics.DeliveryCommand)
  async onDeliveryCommand(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      { [DeliveryEventType.ReplayRequested]: DeliveryReplayRequestedV1 },
      (event) => this.replay.execute(event),
    );
  }
}
