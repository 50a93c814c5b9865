import { Module } from '@nestjs/common';

import { DeliveryModule } from '../delivery/delivery.module';
import { DisclosureModule } from '../disclosure/disclosure.module';
import { ApplyConsentHandler } from './apply-consent.handler';
import { ConsentEventsConsumer } from './consent-events.consumer';

@Module({
  imports: [DeliveryModule, DisclosureModule],
  controllers: [ConsentEventsConsumer],
  providers: [ApplyConsentHandler],
})
export class ConsentModule {}
