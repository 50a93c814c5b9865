import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { NoticeDueEventType, NoticeDueV1, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { AcceptNoticeHandler } from './accept-notice.handler';

@Controller()
export class NoticeDueConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly acceptNotice: AcceptNoticeHandler,
  ) {}

  @EventPattern(Topics.NoticeDue)
  async onNoticeDue(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, { [NoticeDueEventType]: NoticeDueV1 }, (event) =>
      this.acceptNotice.execute(event),
    );
  }
}
