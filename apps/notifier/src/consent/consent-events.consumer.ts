import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  ConsentEventType,
  ConsentRecordedV1,
  RiskOverrideRecordedV1,
  Topics,
} from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ApplyConsentHandler } from './apply-consent.handler';

/** Consent versions and risk overrides recorded in the API. */
@Controller()
export class ConsentEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly applyConsent: ApplyConsentHandler,
  ) {}

  @EventPattern(Topics.Consent)
  async onConsentEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      {
        [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
        [ConsentEventType.RiskOverrideRecorded]: RiskOverrideRecordedV1,
      },
      (event) => this.applyConsent.execute(event),
    );
  }
}
