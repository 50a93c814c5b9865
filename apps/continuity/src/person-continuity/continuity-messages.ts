import {
  ContinuityEventType,
  NoticeDueEventType,
  Topics,
  buildCloudEvent,
  type ContinuityRecordV1,
  type NoticeDueV1,
} from '@throughcare/contracts';
import type { OutboxMessage } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import { deterministicId, type NoticeToIssue } from '../continuity-state/person-continuity.state';

/** The person's record after a change, for the API and the notifier. */
export function recordUpdatedMessage(record: ContinuityRecordV1, now: Date): OutboxMessage {
  return {
    topic: Topics.Continuity,
    key: record.prisonNumber,
    event: buildCloudEvent({
      id: deterministicId(record.prisonNumber, 'record', String(record.revision)),
      type: ContinuityEventType.RecordUpdated,
      subject: record.prisonNumber,
      time: now,
      data: record,
      correlationId: correlationIdOrNew(),
    }),
  };
}

export function continuityNoticeId(
  prisonNumber: string,
  episodeId: string | null,
  notice: NoticeToIssue,
): string {
  return deterministicId(prisonNumber, episodeId ?? '', notice.type, notice.key);
}

/** A continuity notice, carrying the record as of the notice (the notifier renders from it). */
export function continuityNoticeMessage(
  noticeId: string,
  notice: NoticeToIssue,
  record: ContinuityRecordV1,
  now: Date,
  consentVersion = 0,
): OutboxMessage {
  return {
    topic: Topics.NoticeDue,
    key: record.prisonNumber,
    event: buildCloudEvent({
      id: noticeId,
      type: NoticeDueEventType,
      subject: record.prisonNumber,
      time: now,
      data: continuityNotice(noticeId, notice, record, now, consentVersion),
      correlationId: correlationIdOrNew(),
    }),
  };
}

/** The notice-due payload of a continuity notice. */
export function continuityNotice(
  noticeId: string,
  notice: NoticeToIssue,
  record: ContinuityRecordV1,
  now: Date,
  consentVersion = 0,
): NoticeDueV1 {
  return {
    noticeId,
    noticeType: notice.type,
    prisonNumber: record.prisonNumber,
    ...(record.episodeId ? { episodeId: record.episodeId } : {}),
    ...(notice.milestone ? { milestone: notice.milestone } : {}),
    dueAt: notice.dueAt,
    issuedAt: now.toISOString(),
    shortNotice: notice.shortNotice,
    fridayOrPreHoliday: notice.fridayOrPreHoliday,
    ...(notice.release ? { release: notice.release } : {}),
    ...(notice.cause ? { cause: notice.cause } : {}),
    ...(notice.organisationId ? { organisationId: notice.organisationId } : {}),
    continuity: record,
    // The notifier decides it only once its consent copy has caught up (issue 13).
    ...(consentVersion > 0 ? { consentVersion } : {}),
  };
}
