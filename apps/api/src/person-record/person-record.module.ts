import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PeopleModule } from '../people/people.module';
import { PersonRecordController } from './person-record.controller';
import { RecordDirHandler } from './record-dir.handler';
import { RecordReleaseMedicinesHandler } from './record-release-medicines.handler';

@Module({
  imports: [PeopleModule, IdempotencyModule],
  controllers: [PersonRecordController],
  providers: [RecordDirHandler, RecordReleaseMedicinesHandler],
})
export class PersonRecordModule {}
