import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PeopleModule } from '../people/people.module';
import { ConsentController } from './consent.controller';
import { ConsentQueries } from './consent.queries';
import { RecordConsentHandler } from './record-consent.handler';
import { RecordRiskOverrideHandler } from './record-risk-override.handler';

@Module({
  imports: [PeopleModule, IdempotencyModule],
  controllers: [ConsentController],
  providers: [RecordConsentHandler, RecordRiskOverrideHandler, ConsentQueries],
})
export class ConsentModule {}
