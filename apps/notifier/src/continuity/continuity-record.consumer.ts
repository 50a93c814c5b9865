import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { CONTINUITY_RECORDS } from './continuity-record.messages';
import { KeepContinuityRecordHandler } from './keep-continuity-record.handler';

/** The continuity service's record of each person, kept for rendering notices. */
@Controller()
export class ContinuityRecordConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly keepRecord: KeepContinuityRecordHandler,
  ) {}

  @EventPattern(Topics.Continuity)
  async onContinuityRecord(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, CONTINUITY_RECORDS, (event) => this.keepRecord.execute(event));
  }
}
