import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PersonModule } from '../person/person.module';
import { PersonRecordController } from './person-record.controller';
import { RecordDirHandler } from './record-dir.handler';
import { RecordReleaseMedicinesHandler } from './record-release-medicines.handler';

@Module({
  imports: [PersonModule, IdempotencyModule],
  controllers: [PersonRecordController],
  providers: [RecordDirHandler, RecordReleaseMedicinesHandler],
})
export class PersonRecordModule {}
