import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import { NoticeDueEventType, NoticeDueV1, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { ReleaseNoticeEntity } from './release-notice.entity';

/** Keeps the API's view of issued notices (idempotent: the notice id is the key). */
@Controller()
export class NoticeDueConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly dataSource: DataSource,
  ) {}

  @EventPattern(Topics.NoticeDue)
  async onNoticeDue(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, { [NoticeDueEventType]: NoticeDueV1 }, async (event) => {
      const notice = event.envelope.data as NoticeDueV1;
      // The releases list tracks the three milestone notices; lifecycle notices reach the timeline later.
      if (!notice.milestone || !notice.release) return;
      await this.dataSource.getRepository(ReleaseNoticeEntity).upsert(
        {
          noticeId: notice.noticeId,
          prisonNumber: notice.prisonNumber,
          noticeType: notice.noticeType,
          milestone: notice.milestone,
          releaseDate: notice.release.releaseDate,
          dueAt: new Date(notice.dueAt),
          issuedAt: new Date(notice.issuedAt),
          shortNotice: notice.shortNotice,
        },
        ['noticeId'],
      );
    });
  }
}
