import { randomUUID } from 'node:crypto';

import {
  NOTICE_TYPE_OF_MILESTONE,
  NoticeDueEventType,
  Topics,
  buildCloudEvent,
  type NoticeCauseV1,
  type NoticeDueV1,
  type NoticeType,
} from '@throughcare/contracts';
import type { OutboxMessage } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { MilestoneEntity } from './milestone.entity';
import type { ReleasePlanEntity } from './release-plan.entity';

function message(data: NoticeDueV1, now: Date): OutboxMessage {
  return {
    topic: Topics.NoticeDue,
    key: data.prisonNumber,
    event: buildCloudEvent({
      id: data.noticeId,
      type: NoticeDueEventType,
      subject: data.prisonNumber,
      time: now,
      data,
      correlationId: correlationIdOrNew(),
    }),
  };
}

/** The "notice due" event for a milestone; its id is the milestone id, so it dedupes downstream. */
export function noticeDueMessage(
  milestone: MilestoneEntity,
  plan: ReleasePlanEntity,
  now: Date,
): OutboxMessage {
  return message(
    {
      noticeId: milestone.id,
      noticeType: NOTICE_TYPE_OF_MILESTONE[milestone.kind],
      prisonNumber: milestone.prisonNumber,
      ...(milestone.episodeId ? { episodeId: milestone.episodeId } : {}),
      milestone: milestone.kind,
      dueAt: milestone.dueAt.toISOString(),
      issuedAt: now.toISOString(),
      shortNotice: milestone.shortNotice,
      fridayOrPreHoliday: plan.fridayOrPreHoliday,
      release: plan.release,
      ...consentVersionOf(plan.consentVersion),
    },
    now,
  );
}

/** Stamped only when consent was on record; the notifier waits for its copy to reach it. */
function consentVersionOf(version: number | undefined): Pick<NoticeDueV1, 'consentVersion'> {
  return version ? { consentVersion: version } : {};
}

export interface LifecycleNotice {
  noticeType: NoticeType;
  prisonNumber: string;
  episodeId: string;
  plan: ReleasePlanEntity | null;
  previousReleaseDate?: string;
  cause: NoticeCauseV1;
  /** The consent version the API stamped on the event behind the notice. */
  consentVersion?: number;
  /** A discharge or court release reported provisionally (REL-09). */
  provisional?: boolean;
}

/** A notice about a change to the release (rescheduled, cancelled, discharged, unplanned, retracted): at once. */
export function lifecycleNoticeMessage(notice: LifecycleNotice, now: Date): OutboxMessage {
  return message(
    {
      noticeId: randomUUID(),
      noticeType: notice.noticeType,
      prisonNumber: notice.prisonNumber,
      episodeId: notice.episodeId,
      dueAt: now.toISOString(),
      issuedAt: now.toISOString(),
      shortNotice: false,
      fridayOrPreHoliday: notice.plan?.fridayOrPreHoliday ?? false,
      ...(notice.plan ? { release: notice.plan.release } : {}),
      ...(notice.previousReleaseDate ? { previousReleaseDate: notice.previousReleaseDate } : {}),
      cause: notice.cause,
      ...(notice.provisional ? { provisional: true } : {}),
      ...consentVersionOf(notice.consentVersion ?? notice.plan?.consentVersion),
    },
    now,
  );
}
