import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ApplyDirectoryEventHandler } from './apply-directory-event.handler';
import { DIRECTORY_EVENTS } from './directory-events.messages';

@Controller()
export class DirectoryEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly applyDirectoryEvent: ApplyDirectoryEventHandler,
  ) {}

  @EventPattern(Topics.Directory)
  async onDirectoryEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, DIRECTORY_EVENTS, (event) =>
      this.applyDirectoryEvent.execute(event),
    );
  }
}
