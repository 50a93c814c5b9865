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
  SubscriptionSecretRotated: 'throughcare.directory.subscription-secret-rotated',
  SubscriptionEnabled: 'throughcare.directory.subscription-enabled',
} as const;
export type DirectoryEventType = (typeof DirectoryEventType)[keyof typeof DirectoryEventType];

export const NoticeDueEventType = 'throughcare.notice.due' as const;

export const ConsentEventType = {
  ConsentRecorded: 'throughcare.consent.recorded',
  RiskOverrideRecorded: 'throughcare.consent.risk-override-recorded',
} as const;
export type ConsentEventType = (typeof ConsentEventType)[keyof typeof ConsentEventType];

export const DisclosureDecidedEventType = 'throughcare.disclosure.decided' as const;

export const DeliveryEventType = {
  DeliveryUpdated: 'throughcare.delivery.updated',
  ReplayRequested: 'throughcare.delivery.replay-requested',
  EndpointDisabled: 'throughcare.delivery.endpoint-disabled',
} as const;
export type DeliveryEventType = (typeof DeliveryEventType)[keyof typeof DeliveryEventType];

export const PersonRecordEventType = {
  DirRecorded: 'throughcare.person-record.dir-recorded',
  OstPlanRecorded: 'throughcare.person-record.ost-plan-recorded',
  NaloxoneRecorded: 'throughcare.person-record.naloxone-recorded',
  BridgingScriptIssued: 'throughcare.person-record.bridging-script-issued',
} as const;
export type PersonRecordEventType =
  (typeof PersonRecordEventType)[keyof typeof PersonRecordEventType];

export const ContinuityEventType = {
  RecordUpdated: 'throughcare.continuity.record-updated',
} as const;
export type ContinuityEventType = (typeof ContinuityEventType)[keyof typeof ContinuityEventType];

export const NoticeType = {
  SixWeeks: 'throughcare.notice.release.six-weeks',
  TwoDays: 'throughcare.notice.release.two-days',
  DayOfRelease: 'throughcare.notice.release.day-of-release',
  Discharged: 'throughcare.notice.release.discharged',
  Rescheduled: 'throughcare.notice.release.rescheduled',
  Cancelled: 'throughcare.notice.release.cancelled',
  Unplanned: 'throughcare.notice.release.unplanned',
  DirHandoff: 'throughcare.notice.dir.handoff',
  /**
   * To a CJIT that already has the person on its caseload, on reception: send the prison your
   * record (003_f42733e749d9adef.txt:589). Not in contract.md §4's table; added, see the README.
   */
  CjitRecordRequested: 'throughcare.notice.dir.record-requested',
  BridgingScriptRequested: 'throughcare.notice.bridging-script.requested',
  BridgingScriptIssued: 'throughcare.notice.bridging-script.issued',
  NaloxoneMissing: 'throughcare.notice.naloxone.missing',
  /**
   * To the releasing prison when someone on OST leaves with no OST plan on record
   * (002_1eed16caf82e2044.txt:695): an alert, counted in the measures. Added to contract.md §4.
   */
  OstReleasedWithoutPlan: 'throughcare.notice.ost.released-without-plan',
  TreatmentSummary: 'throughcare.notice.treatment-summary',
  /** To everyone who holds data when the person withdraws consent: the person's id only. */
  ConsentWithdrawn: 'throughcare.notice.consent.withdrawn',
  /** The non-identifying form of an unplanned release for a CJIT without consent (contract.md §4). */
  UnplannedAlert: 'throughcare.notice.release.unplanned-alert',
  /** To the releasing prison when no community organisation covers the release area. */
  NoRecipient: 'throughcare.notice.release.no-recipient',
} as const;
export type NoticeType = (typeof NoticeType)[keyof typeof NoticeType];

export const ALL_NOTICE_TYPES: readonly NoticeType[] = Object.values(NoticeType);
