import { Module } from '@nestjs/common';

import { ContinuityEventsConsumer } from './continuity-events.consumer';
import { PersonContinuityHandler } from './person-continuity.handler';

@Module({
  controllers: [ContinuityEventsConsumer],
  providers: [PersonContinuityHandler],
})
export class PersonContinuityModule {}
