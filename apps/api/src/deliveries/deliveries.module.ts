import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesQueries } from './deliveries.queries';
import { DeliveryUpdatedConsumer } from './delivery-updated.consumer';
import { RequestReplayHandler } from './request-replay.handler';

/** The API's read side of the notifier's deliveries, and the replay command. */
@Module({
  imports: [IdempotencyModule],
  controllers: [DeliveriesController, DeliveryUpdatedConsumer],
  providers: [DeliveriesQueries, RequestReplayHandler],
})
export class DeliveriesModule {}
