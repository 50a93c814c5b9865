import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import {
  NoticeDueEventType,
  NoticeDueV1,
  Topics,
  isMilestoneNoticeType,
} from '@throughcare/contracts';
import { ConsumedEventRunner, consumes } from '@throughcare/messaging';

import { IssuedNoticeEntity } from './issued-notice.entity';
import { ReleaseNoticeEntity } from './release-notice.entity';

const NOTICES_DUE = consumes(Topics.NoticeDue, { [NoticeDueEventType]: NoticeDueV1 });

/** Keeps the API's view of issued notices (idempotent: the notice id is the key). */
@Controller()
export class NoticeDueConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly dataSource: DataSource,
  ) {}

  @EventPattern(Topics.NoticeDue)
  async onNoticeDue(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, NOTICES_DUE, async ({ data: notice }) => {
      await this.dataSource.getRepository(IssuedNoticeEntity).upsert(
        {
          noticeId: notice.noticeId,
          prisonNumber: notice.prisonNumber,
          noticeType: notice.noticeType,
          episodeId: notice.episodeId ?? null,
          milestone: notice.milestone ?? null,
          dueAt: new Date(notice.dueAt),
          issuedAt: new Date(notice.issuedAt),
        },
        ['noticeId'],
      );
      // The releases list and the measures track the three milestone notices of a release.
      if (!notice.milestone || !notice.release || !isMilestoneNoticeType(notice.noticeType)) return;
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
