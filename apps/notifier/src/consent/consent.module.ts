import { Module } from '@nestjs/common';

import { DeliveryModule } from '../delivery/delivery.module';
import { DisclosureModule } from '../disclosure/disclosure.module';
import { NoticesModule } from '../notices/notices.module';
import { ApplyConsentHandler } from './apply-consent.handler';
import { ConsentEventsConsumer } from './consent-events.consumer';
import { NoticesAwaitingConsent } from './notices-awaiting-consent.service';

@Module({
  imports: [DeliveryModule, DisclosureModule, NoticesModule],
  controllers: [ConsentEventsConsumer],
  providers: [ApplyConsentHandler, NoticesAwaitingConsent],
})
export class ConsentModule {}
