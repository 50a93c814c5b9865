import { Module } from '@nestjs/common';

import { IntakeEventsConsumer } from './intake-events.consumer';
import { IntakeController } from './intake.controller';
import { RecordIntakeEventHandler } from './record-intake-event.handler';

@Module({
  controllers: [IntakeController, IntakeEventsConsumer],
  providers: [RecordIntakeEventHandler],
})
export class IntakeModule {}
