import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { DeliveryEventType, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { AcknowledgementReceivedHandler } from '../escalation/acknowledgement-received.handler';
import { DELIVERY_COMMANDS } from './delivery-commands.messages';
import { ReplayDeliveryHandler } from './replay-delivery.handler';

/** Commands about deliveries from the API: replay, and acknowledgements (ACK-01). */
@Controller()
export class DeliveryCommandsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly replay: ReplayDeliveryHandler,
    private readonly acknowledged: AcknowledgementReceivedHandler,
  ) {}

  @EventPattern(Topics.DeliveryCommand)
  async onDeliveryCommand(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, DELIVERY_COMMANDS, (event) =>
      event.type === DeliveryEventType.Acknowledged
        ? this.acknowledged.execute(event)
        : this.replay.execute(event),
    );
  }
}
