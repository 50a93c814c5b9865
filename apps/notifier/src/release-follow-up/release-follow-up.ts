import type { EntityManager } from 'typeorm';

import { NoticeType, type NoticeDueV1 } from '@throughcare/contracts';
import type { Recipient } from '@throughcare/disclosure';

import { recordDisclosureDecisions } from '../audit/record-disclosure-decision';
import { changeDeliveries } from '../delivery/delivery-ledger';
import type { DeliveryStatus } from '../delivery/delivery.entity';

/**
 * A follow-up about a release (rescheduled, cancelled) goes to everyone who had a notice for it,
 * whatever became of that notice: waiting, retrying, paused, failed, delivered, or stood down
 * by this very follow-up (which may have reached them on an attempt that timed out) (REL-06).
 * Only a notice that disclosure withheld told no one.
 */
const TOLD_STATUSES: readonly DeliveryStatus[] = [
  'PENDING',
  'PAUSED',
  'FAILED',
  'DELIVERED',
  'STOOD_DOWN',
];

/** Not yet (or not successfully) sent: a notice that can still go out, so can be stood down. */
const UNSENT_STATUSES: DeliveryStatus[] = ['PENDING', 'PAUSED', 'FAILED'];

/** The notices about the release itself (its milestones, a move, its happening). */
const RELEASE_NOTICE_TYPES: readonly string[] = [
  NoticeType.SixWeeks,
  NoticeType.TwoDays,
  NoticeType.DayOfRelease,
  NoticeType.Rescheduled,
  NoticeType.Discharged,
  NoticeType.Unplanned,
];

/**
 * The follow-ups that take something back, and the notices each stands down when not yet sent:
 * a cancelled release, everything that announced it (REL-07); a retracted provisional release,
 * only the notice that said it happened, as the plan (and its milestones) stands again (REL-09).
 */
const STOOD_DOWN_BY: Readonly<Record<string, readonly string[]>> = {
  [NoticeType.Cancelled]: RELEASE_NOTICE_TYPES,
  [NoticeType.Retracted]: [NoticeType.Discharged, NoticeType.Unplanned],
};

export function endsTheRelease(notice: NoticeDueV1): boolean {
  return notice.noticeType in STOOD_DOWN_BY;
}

function noticeTypesStoodDownBy(cause: NoticeDueV1): readonly string[] {
  return STOOD_DOWN_BY[cause.noticeType] ?? [];
}

/** Everyone a notice about this person's custody episode was for, in any state but withheld. */
export async function everyoneToldOfRelease(
  manager: EntityManager,
  notice: NoticeDueV1,
): Promise<Recipient[]> {
  if (!notice.episodeId) return [];
  const rows: Array<{ organisation_id: string; recipient_role: Recipient['role'] }> =
    await manager.query(
      `SELECT DISTINCT d.organisation_id, d.recipient_role
         FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
        WHERE n.prison_number = $1 AND n.content->>'episodeId' = $2 AND d.status = ANY($3)
          AND n.id <> $4`,
      [notice.prisonNumber, notice.episodeId, TOLD_STATUSES, notice.noticeId],
    );
  return rows.map((r) => ({ organisationId: r.organisation_id, role: r.recipient_role }));
}

/**
 * A cancelled release: every notice about it not yet sent is stood down (a retracted one: its
 * discharged or unplanned notice, REL-09) (STOOD_DOWN, never
 * attempted again, not replayable), and one still kept back for consent (no deliveries yet) is
 * never released; each is on the person's timeline as an audit decision under the rule
 * `release-cancelled` (REL-07). Runs in the caller's transaction, before the follow-up's own
 * deliveries are opened. Answers how many deliveries and kept-back notices were stood down.
 */
export async function standDownUnsentNotices(
  manager: EntityManager,
  cause: NoticeDueV1,
  now: Date,
): Promise<number> {
  if (!endsTheRelease(cause) || !cause.episodeId) return 0;
  // First, so that a kept-back notice released concurrently is either gone from here or has
  // committed its deliveries by the time they are read below.
  const keptBack = await standDownKeptBack(manager, cause, now);
  const unsent: Array<{
    id: string;
    notice_id: string;
    notice_type: string;
    organisation_id: string;
    recipient_role: Recipient['role'];
  }> = await manager.query(
    `SELECT d.id, d.notice_id, n.type AS notice_type, d.organisation_id, d.recipient_role
       FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
      WHERE n.prison_number = $1 AND n.content->>'episodeId' = $2 AND n.type = ANY($3)
        AND d.status = ANY($4) AND n.id <> $5
      ORDER BY d.created_at, d.id`,
    [
      cause.prisonNumber,
      cause.episodeId,
      noticeTypesStoodDownBy(cause),
      UNSENT_STATUSES,
      cause.noticeId,
    ],
  );
  const changed = await changeDeliveries(
    manager,
    unsent.map((row) => ({
      id: row.id,
      patch: { status: 'STOOD_DOWN', nextAttemptAt: null, replaying: false },
      whenStatus: UNSENT_STATUSES,
    })),
  );
  const stoodDown = unsent.filter((row) => changed.has(row.id));
  await recordDisclosureDecisions(
    manager,
    stoodDown.map((row) => ({
      noticeId: row.notice_id,
      noticeType: row.notice_type,
      prisonNumber: cause.prisonNumber,
      deliveryId: row.id,
      organisationId: row.organisation_id,
      recipientRole: row.recipient_role,
      decision: 'STOOD_DOWN' as const,
      rule: `release-${shortName(cause.noticeType)}`,
      citation: citationOf(cause),
      fields: [],
      consentVersion: null,
      decidedAt: now,
    })),
  );
  return keptBack + stoodDown.length;
}

/** Notices about the release still waiting for the consent copy: withdrawn from the wait. */
async function standDownKeptBack(
  manager: EntityManager,
  cause: NoticeDueV1,
  now: Date,
): Promise<number> {
  const result: unknown[] = await manager.query(
    `DELETE FROM notifier.notice_awaiting_consent a USING notifier.notice n
      WHERE a.notice_id = n.id AND n.prison_number = $1 AND n.content->>'episodeId' = $2
        AND n.type = ANY($3) AND n.id <> $4
      RETURNING a.notice_id, n.type AS notice_type`,
    [cause.prisonNumber, cause.episodeId, noticeTypesStoodDownBy(cause), cause.noticeId],
  );
  // TypeORM's postgres driver answers a DELETE ... RETURNING as [rows, affected].
  const rows = (Array.isArray(result[0]) ? result[0] : result) as Array<{
    notice_id: string;
    notice_type: string;
  }>;
  await recordDisclosureDecisions(
    manager,
    rows.map((row) => ({
      noticeId: row.notice_id,
      noticeType: row.notice_type,
      prisonNumber: cause.prisonNumber,
      decision: 'STOOD_DOWN' as const,
      rule: `release-${shortName(cause.noticeType)}`,
      citation: citationOf(cause),
      fields: [],
      consentVersion: null,
      decidedAt: now,
    })),
  );
  return rows.length;
}

function citationOf(cause: NoticeDueV1): string {
  return cause.noticeType === NoticeType.Retracted ? 'REL-09' : 'REL-07';
}

function shortName(noticeType: string): string {
  return noticeType.split('.').pop() ?? noticeType;
}
