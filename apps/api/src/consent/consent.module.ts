import { Module } from '@nestjs/common';

import { IdempotencyModule } from '../idempotency/idempotency.module';
import { PersonModule } from '../person/person.module';
import { ConsentController } from './consent.controller';
import { ConsentQueries } from './consent.queries';
import { RecordConsentHandler } from './record-consent.handler';
import { RecordRiskOverrideHandler } from './record-risk-override.handler';

@Module({
  imports: [PersonModule, IdempotencyModule],
  controllers: [ConsentController],
  providers: [RecordConsentHandler, RecordRiskOverrideHandler, ConsentQueries],
})
export class ConsentModule {}
