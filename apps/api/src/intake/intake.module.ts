import { Module } from '@nestjs/common';

import { DeliveryBacklog, IntakeBackpressureGuard } from './delivery-backlog';
import { IntakeEventsConsumer } from './intake-events.consumer';
import { IntakeController } from './intake.controller';
import { RecordIntakeEventHandler } from './record-intake-event.handler';

@Module({
  controllers: [IntakeController, IntakeEventsConsumer],
  providers: [RecordIntakeEventHandler, DeliveryBacklog, IntakeBackpressureGuard],
  exports: [DeliveryBacklog],
})
export class IntakeModule {}
