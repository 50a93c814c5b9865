// CloudEvents `type` values. Wire names (contract.md §2 and §4): never rename.
export const IntakeEventType = {
  ReceptionReceived: 'throughcare.reception.received',
  TransferCompleted: 'throughcare.transfer.completed',
  ReleasePlanned: 'throughcare.release.planned',
  ReleaseCancelled: 'throughcare.release.cancelled',
  ReleaseDischarged: 'throughcare.release.discharged',
  CourtReleaseReleased: 'throughcare.court-release.released',
} as const;
export type IntakeEventType = (typeof IntakeEventType)[keyof typeof IntakeEventType];

export const DirectoryEventType = {
  OrganisationRegistered: 'throughcare.directory.organisation-registered',
  SubscriptionRegistered: 'throughcare.directory.subscription-registered',
} as const;
export type DirectoryEventType = (typeof DirectoryEventType)[keyof typeof DirectoryEventType];

export const NoticeDueEventType = 'throughcare.notice.due' as const;

export const NoticeType = {
  SixWeeks: 'throughcare.notice.release.six-weeks',
  TwoDays: 'throughcare.notice.release.two-days',
  DayOfRelease: 'throughcare.notice.release.day-of-release',
  Discharged: 'throughcare.notice.release.discharged',
  Rescheduled: 'throughcare.notice.release.rescheduled',
  Cancelled: 'throughcare.notice.release.cancelled',
  Unplanned: 'throughcare.notice.release.unplanned',
  DirHandoff: 'throughcare.notice.dir.handoff',
  BridgingScriptRequested: 'throughcare.notice.bridging-script.requested',
  BridgingScriptIssued: 'throughcare.notice.bridging-script.issued',
  NaloxoneMissing: 'throughcare.notice.naloxone.missing',
  TreatmentSummary: 'throughcare.notice.treatment-summary',
} as const;
export type NoticeType = (typeof NoticeType)[keyof typeof NoticeType];

export const ALL_NOTICE_TYPES: readonly NoticeType[] = Object.values(NoticeType);
