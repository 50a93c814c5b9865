import type { RecipientRole } from './recipient-role';

/**
 * What a notice is about, as far as disclosure and routing care. The notifier maps each notice
 * type (and its cause) to one kind.
 */
export const NOTICE_KINDS = [
  'RELEASE', // six weeks, two days, day of release, discharged
  'UNPLANNED_RELEASE', // court release, at once
  'RELEASE_CHANGED', // rescheduled or cancelled: to whoever was told before
  'DIR_HANDOFF', // the DIR with the release notices
  'TRANSFER_CASE_FILE', // the DIR and case file to the receiving prison on transfer
  'TREATMENT_SUMMARY', // to the offender manager
  'BRIDGING_REQUESTED', // to the prison prescribers
  'BRIDGING_ISSUED', // then to the community provider
  'NALOXONE_MISSING', // to the releasing prison's team
  'CONSENT_WITHDRAWN', // to everyone who holds data
  'CJIT_RECORD_REQUEST', // on reception: to the CJIT whose caseload holds the person
  'OST_RELEASED_WITHOUT_PLAN', // to the releasing prison: someone on OST left with no plan (or a script awaited)
  'OST_LAST_DOSE_GAP', // to the releasing prison: the last prison dose does not reach the next supply
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Which roles a kind is ever for; anyone else gets nothing (need to know, DIS-02). */
export const RECIPIENTS_OF_KIND: Record<NoticeKind, readonly RecipientRole[]> = {
  RELEASE: ['COMMUNITY_PROVIDER', 'CJIT', 'OFFENDER_MANAGER', 'RELEASING_PRISON'],
  UNPLANNED_RELEASE: ['COMMUNITY_PROVIDER', 'CJIT', 'OFFENDER_MANAGER', 'RELEASING_PRISON'],
  RELEASE_CHANGED: ['COMMUNITY_PROVIDER', 'CJIT', 'OFFENDER_MANAGER', 'RELEASING_PRISON'],
  DIR_HANDOFF: ['COMMUNITY_PROVIDER', 'CJIT'],
  TRANSFER_CASE_FILE: ['RECEIVING_PRISON'],
  TREATMENT_SUMMARY: ['OFFENDER_MANAGER'],
  BRIDGING_REQUESTED: ['RELEASING_PRISON'],
  BRIDGING_ISSUED: ['COMMUNITY_PROVIDER'],
  NALOXONE_MISSING: ['RELEASING_PRISON'],
  CONSENT_WITHDRAWN: ['COMMUNITY_PROVIDER', 'CJIT', 'OFFENDER_MANAGER'],
  CJIT_RECORD_REQUEST: ['CJIT'],
  OST_RELEASED_WITHOUT_PLAN: ['RELEASING_PRISON'],
  OST_LAST_DOSE_GAP: ['RELEASING_PRISON'],
};
