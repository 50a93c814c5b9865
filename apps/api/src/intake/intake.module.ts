import { Module } from '@nestjs/common';

import { IntakeController } from './intake.controller';
import { RecordIntakeEventHandler } from './record-intake-event.handler';

@Module({
  controllers: [IntakeController],
  providers: [RecordIntakeEventHandler],
})
export class IntakeModule {}
