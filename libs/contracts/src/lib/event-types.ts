// CloudEvents `type` values. Wire names (docs/hub-interface.md §2 and §4): never rename.
export const IntakeEventType = {
  ReceptionReceived: 'throughcare.reception.received',
  TransferCompleted: 'throughcare.transfer.completed',
  ReleasePlanned: 'throughcare.release.planned',
  ReleaseCancelled: 'throughcare.release.cancelled',
  ReleaseDischarged: 'throughcare.release.discharged',
  CourtReleaseReleased: 'throughcare.court-release.released',
  /** A provisional discharge or court release withdrawn: the movement was reversed (REL-09). */
  ReleaseRetracted: 'throughcare.release.retracted',
} as const;
export type IntakeEventType = (typeof IntakeEventType)[keyof typeof IntakeEventType];

export const DirectoryEventType = {
  OrganisationRegistered: 'throughcare.directory.organisation-registered',
  OrganisationContactsChanged: 'throughcare.directory.organisation-contacts-changed',
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
  /** A recipient acknowledged a notice (ACK-01): API -> notifier, on the delivery-command topic. */
  Acknowledged: 'throughcare.delivery.acknowledged',
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
  /**
   * A release told provisionally (`provisional: true` on the discharged or unplanned notice) did
   * not happen: the person is back in custody; to everyone told of the release (REL-09).
   */
  Retracted: 'throughcare.notice.release.retracted',
  DirHandoff: 'throughcare.notice.dir.handoff',
  /**
   * To a CJIT that already has the person on its caseload, on reception: send the prison your
   * record (DIR-06); listed in docs/hub-interface.md §4.
   */
  CjitRecordRequested: 'throughcare.notice.dir.record-requested',
  BridgingScriptRequested: 'throughcare.notice.bridging-script.requested',
  BridgingScriptIssued: 'throughcare.notice.bridging-script.issued',
  NaloxoneMissing: 'throughcare.notice.naloxone.missing',
  /**
   * Naloxone still missing on the morning of release (NAL-04): the second, louder escalation to
   * the releasing prison, by webhook and by secure e-mail to its SPOC at once.
   */
  NaloxoneMissingOnReleaseDay: 'throughcare.notice.naloxone.missing-on-release-day',
  /**
   * To the releasing prison when someone on OST leaves with no OST plan on record
   * (OST-05): an alert, counted in the measures; listed in docs/hub-interface.md §4.
   */
  OstReleasedWithoutPlan: 'throughcare.notice.ost.released-without-plan',
  /**
   * To the releasing prison when someone on OST leaves with no OST plan on record and the
   * bridging request opened for them (at two days, or at once from court) not yet issued
   * (OST-05): the script is what they are waiting for; listed in docs/hub-interface.md §4.
   */
  OstReleasedAwaitingScript: 'throughcare.notice.ost.released-awaiting-script',
  /**
   * To the releasing prison when the last prison dose does not carry the person to the community
   * dose or the bridging script (OST-09), at the two-day milestone and on the morning of release.
   */
  OstLastDoseGap: 'throughcare.notice.ost.last-dose-gap',
  TreatmentSummary: 'throughcare.notice.treatment-summary',
  /** To everyone who holds data when the person withdraws consent: the person's id only. */
  ConsentWithdrawn: 'throughcare.notice.consent.withdrawn',
  /** The non-identifying form of an unplanned release for a CJIT without consent (docs/hub-interface.md §4). */
  UnplannedAlert: 'throughcare.notice.release.unplanned-alert',
  /** To the releasing prison when no community organisation covers the release area. */
  NoRecipient: 'throughcare.notice.release.no-recipient',
} as const;
export type NoticeType = (typeof NoticeType)[keyof typeof NoticeType];

export const ALL_NOTICE_TYPES: readonly NoticeType[] = Object.values(NoticeType);
