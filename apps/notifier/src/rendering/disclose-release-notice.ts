import { NoticeType, type NoticeDueV1 } from '@throughcare/contracts';

import type { RecipientRole } from '../recipients/route-recipients';

export type Disclosure =
  | { decision: 'SEND'; rule: string; fields: Record<string, unknown> }
  | { decision: 'WITHHOLD'; rule: string };

/** The release logistics of a notice: dates and places, nothing clinical. */
function logistics(notice: NoticeDueV1): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    releaseDate: notice.release?.releaseDate,
    establishment: notice.release?.establishment ?? notice.cause?.establishment,
    releaseType: notice.release?.releaseType,
    onLicence: notice.release?.supervision.onLicence,
    shortNotice: notice.shortNotice,
    fridayOrPreHoliday: notice.fridayOrPreHoliday,
  };
  if (notice.previousReleaseDate) fields['previousReleaseDate'] = notice.previousReleaseDate;
  if (notice.noticeType === NoticeType.Discharged)
    fields['dischargedAt'] = notice.cause?.occurredAt;
  if (notice.noticeType === NoticeType.Cancelled) fields['reason'] = notice.cause?.reason;
  if (notice.noticeType === NoticeType.Unplanned) {
    Object.assign(fields, {
      court: notice.cause?.court,
      releasedAt: notice.cause?.occurredAt,
      reason: notice.cause?.reason,
    });
  }
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * What a notice may tell a recipient, decided at send time. Consent capture arrives with the
 * disclosure issue; until a consent record exists:
 * - community recipients get nothing: the release plan must be signed first
 *   (004_4d2725de1c348b75.txt:596, contract.md §4);
 * - the OM gets release logistics only, never medication or clinical detail (contract.md §4,
 *   the restricted set without consent);
 * - the holding prison (the fallback for an unplanned release to an unknown area) already holds
 *   the person's record and gets the logistics it needs to act.
 */
export function discloseReleaseNotice(role: RecipientRole, notice: NoticeDueV1): Disclosure {
  switch (role) {
    case 'OFFENDER_MANAGER':
      return {
        decision: 'SEND',
        rule: 'om-restricted-set-without-consent',
        fields: logistics(notice),
      };
    case 'PRISON':
      return {
        decision: 'SEND',
        rule: 'holding-prison-continuity-of-care',
        fields: logistics(notice),
      };
    default:
      return { decision: 'WITHHOLD', rule: 'community-needs-signed-release-plan' };
  }
}
