import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { QueueName } from '@throughcare/contracts';

import { DisclosureModule } from '../disclosure/disclosure.module';
import { EmailSender } from '../email/email-sender.service';
import { EscalationModule } from '../escalation/escalation.module';
import { DeliveryAttempts } from './delivery-attempts.service';
import { DeliveryCommandsConsumer } from './delivery-commands.consumer';
import { DeliveryQueue } from './delivery-queue.service';
import { DeliveryShutdown } from './delivery-shutdown.service';
import { EndpointDrain } from './endpoint-drain.service';
import { EndpointHealth } from './endpoint-health.service';
import { ReplayDeliveryHandler } from './replay-delivery.handler';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

@Module({
  imports: [
    DisclosureModule,
    EscalationModule,
    BullModule.registerQueue({
      name: QueueName.WebhookDelivery,
      // One job per attempt: the attempt arms the next itself, from the delivery row.
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: false },
    }),
  ],
  controllers: [DeliveryCommandsConsumer],
  providers: [
    DeliveryQueue,
    DeliveryAttempts,
    EndpointHealth,
    EndpointDrain,
    EmailSender,
    ReplayDeliveryHandler,
    WebhookDeliveryProcessor,
    DeliveryShutdown,
  ],
  exports: [DeliveryQueue, DeliveryAttempts, EndpointDrain],
})
export class DeliveryModule {}
