import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ApplyConsentHandler } from './apply-consent.handler';
import { CONSENT_EVENTS } from './consent-events.messages';

/** Consent versions and risk overrides recorded in the API. */
@Controller()
export class ConsentEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly applyConsent: ApplyConsentHandler,
  ) {}

  @EventPattern(Topics.Consent)
  async onConsentEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, CONSENT_EVENTS, (event) => this.applyConsent.execute(event));
  }
}
