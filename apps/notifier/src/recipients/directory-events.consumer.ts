import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  DirectoryEventType,
  OrganisationV1,
  SubscriptionEnabledV1,
  SubscriptionRegisteredV1,
  SubscriptionSecretRotatedV1,
  Topics,
} from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ApplyDirectoryEventHandler } from './apply-directory-event.handler';

@Controller()
export class DirectoryEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly applyDirectoryEvent: ApplyDirectoryEventHandler,
  ) {}

  @EventPattern(Topics.Directory)
  async onDirectoryEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      {
        [DirectoryEventType.OrganisationRegistered]: OrganisationV1,
        [DirectoryEventType.SubscriptionRegistered]: SubscriptionRegisteredV1,
        [DirectoryEventType.SubscriptionSecretRotated]: SubscriptionSecretRotatedV1,
        [DirectoryEventType.SubscriptionEnabled]: SubscriptionEnabledV1,
      },
      (event) => this.applyDirectoryEvent.execute(event),
    );
  }
}
