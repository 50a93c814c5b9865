import { IntakeEventType, NoticeType, type NoticeDueV1 } from '@throughcare/contracts';
import type { DisclosureOutcome, NoticeKind, RecipientRole } from '@throughcare/disclosure';

/** What a notice is about, for routing and disclosure. */
export function noticeKindOf(notice: NoticeDueV1): NoticeKind {
  switch (notice.noticeType) {
    case NoticeType.SixWeeks:
    case NoticeType.TwoDays:
    case NoticeType.DayOfRelease:
    case NoticeType.Discharged:
      return 'RELEASE';
    case NoticeType.Unplanned:
      return 'UNPLANNED_RELEASE';
    case NoticeType.Rescheduled:
    case NoticeType.Cancelled:
    case NoticeType.Retracted:
      return 'RELEASE_CHANGED';
    case NoticeType.DirHandoff:
      return notice.cause?.type === IntakeEventType.TransferCompleted
        ? 'TRANSFER_CASE_FILE'
        : 'DIR_HANDOFF';
    case NoticeType.TreatmentSummary:
      return 'TREATMENT_SUMMARY';
    case NoticeType.BridgingScriptRequested:
      return 'BRIDGING_REQUESTED';
    case NoticeType.BridgingScriptIssued:
      return 'BRIDGING_ISSUED';
    case NoticeType.NaloxoneMissing:
    case NoticeType.NaloxoneMissingOnReleaseDay:
      return 'NALOXONE_MISSING';
    case NoticeType.ConsentWithdrawn:
      return 'CONSENT_WITHDRAWN';
    case NoticeType.CjitRecordRequested:
      return 'CJIT_RECORD_REQUEST';
    case NoticeType.OstReleasedWithoutPlan:
    case NoticeType.OstReleasedAwaitingScript:
      // Both: someone on OST left with no plan; the type says whether a script is awaited (OST-05).
      return 'OST_RELEASED_WITHOUT_PLAN';
    case NoticeType.OstLastDoseGap:
      return 'OST_LAST_DOSE_GAP';
    case NoticeType.UnplannedAlert:
    case NoticeType.NoRecipient:
      // Forms a notice takes for one recipient, never due on their own.
      throw new Error(`${notice.noticeType} is a delivered form, not a due notice`);
  }
}

/**
 * The `type` a recipient receives. A release notice to the releasing prison is the "no recipient"
 * alert; an unplanned release the CJIT may not be told about identifies no one. Subscriptions are
 * matched on this type (before the send-time ALERT decision, the notice's own type).
 */
export function deliveredType(
  notice: NoticeDueV1,
  role: RecipientRole,
  outcome?: DisclosureOutcome,
): NoticeType {
  if (outcome === 'ALERT') return NoticeType.UnplannedAlert;
  if (role === 'RELEASING_PRISON' && noticeKindOf(notice) === 'RELEASE')
    return NoticeType.NoRecipient;
  return notice.noticeType;
}
