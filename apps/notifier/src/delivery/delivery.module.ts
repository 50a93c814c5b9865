import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { QueueName } from '@throughcare/contracts';

import { DeliveryQueue } from './delivery-queue.service';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

@Module({
  imports: [
    BullModule.registerQueue({
      name: QueueName.WebhookDelivery,
      // One job per attempt: the processor arms the next attempt itself, from the delivery row.
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: false },
    }),
  ],
  providers: [DeliveryQueue, WebhookDeliveryProcessor],
  exports: [DeliveryQueue],
})
export class DeliveryModule {}
