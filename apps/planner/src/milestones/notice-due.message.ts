import {
  NoticeDueEventType,
  NoticeType,
  Topics,
  buildCloudEvent,
  type MilestoneKind,
  type NoticeDueV1,
} from '@throughcare/contracts';
import type { OutboxMessage } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { MilestoneEntity } from './milestone.entity';
import type { ReleasePlanEntity } from './release-plan.entity';

const NOTICE_TYPE_BY_MILESTONE: Record<MilestoneKind, NoticeType> = {
  SIX_WEEKS: NoticeType.SixWeeks,
  TWO_DAYS: NoticeType.TwoDays,
  DAY_OF_RELEASE: NoticeType.DayOfRelease,
};

/** The "notice due" event for a milestone; its id is the milestone id, so it dedupes downstream. */
export function noticeDueMessage(
  milestone: MilestoneEntity,
  plan: ReleasePlanEntity,
  now: Date,
): OutboxMessage {
  const data: NoticeDueV1 = {
    noticeId: milestone.id,
    noticeType: NOTICE_TYPE_BY_MILESTONE[milestone.kind],
    prisonNumber: milestone.prisonNumber,
    milestone: milestone.kind,
    dueAt: milestone.dueAt.toISOString(),
    issuedAt: now.toISOString(),
    shortNotice: milestone.shortNotice,
    fridayOrPreHoliday: plan.fridayOrPreHoliday,
    release: plan.release,
  };
  return {
    topic: Topics.NoticeDue,
    key: milestone.prisonNumber,
    event: buildCloudEvent({
      id: milestone.id,
      type: NoticeDueEventType,
      subject: milestone.prisonNumber,
      time: now,
      data,
      correlationId: correlationIdOrNew(),
    }),
  };
}
