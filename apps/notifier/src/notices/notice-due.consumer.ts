import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { AcceptNoticeHandler } from './accept-notice.handler';
import { NOTICES_DUE } from './notice-due.messages';

@Controller()
export class NoticeDueConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly acceptNotice: AcceptNoticeHandler,
  ) {}

  @EventPattern(Topics.NoticeDue)
  async onNoticeDue(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, NOTICES_DUE, (event) => this.acceptNotice.execute(event));
  }
}
