import { fieldsOfClass, type FieldName } from './disclosure-fields';
import type { NoticeKind } from './notice-kind';

/** A named rule and the ids of docs/rules.md it encodes; every audit row carries both. */
export interface DisclosureRule {
  id: string;
  citation: string;
  /** What the rule lets the recipient see (before the notice kind narrows it). */
  allows: readonly FieldName[];
}

const LOGISTICS = fieldsOfClass('logistics');
const PLAN = fieldsOfClass('plan');
const ENGAGEMENT = fieldsOfClass('engagement');
const CLINICAL = fieldsOfClass('clinical');
const TRANSFER = fieldsOfClass('transfer');

/** What the OM may know without consent: a closed allow-list (DIS-07; docs/rules.md, Decisions 2). */
const OM_RESTRICTED: FieldName[] = ['prisonNumber', ...LOGISTICS, ...ENGAGEMENT];
/** "all drug interventions undertaken in prison and any treatment planned on release" (DIS-08); no BBV status (minimum necessary, DIS-03). */
const OM_TREATMENT: FieldName[] = [
  'treatmentPlanned',
  'onOst',
  'ostMedicine',
  'doseMg',
  'opiateHistory',
  'naloxone',
  'bridgingScript',
];
/**
 * Under a risk override: what a service needs to keep the person alive or others safe, no more
 * (DIS-03): no BBV status, no DIR, no intervention history.
 */
const RISK_SET: FieldName[] = [
  'prisonNumber',
  ...LOGISTICS,
  ...PLAN,
  'riskIssues',
  'onOst',
  'ostMedicine',
  'doseMg',
  'opiateHistory',
  'lastPrisonDoseAt',
  'naloxone',
  'bridgingScript',
];

export const RULES = {
  notARecipient: {
    id: 'not-a-recipient-of-this-notice',
    citation: 'DIS-02',
    allows: [],
  },
  consentWithdrawnNotice: {
    id: 'consent-withdrawn-notice',
    citation: 'DIS-13',
    allows: ['prisonNumber', 'withdrawnAt'],
  },
  transferCaseFile: {
    id: 'transfer-case-file-direct-care',
    citation: 'DIS-11; TRF-01',
    // The receiving prison's healthcare continues direct care: the BBV status too (DIS-17).
    allows: ['prisonNumber', ...TRANSFER, ...ENGAGEMENT, ...CLINICAL, 'bbvStatus'],
  },
  noRecipientAlert: {
    id: 'no-recipient-alert-to-releasing-prison',
    citation: 'REL-04; DIS-12',
    allows: ['prisonNumber', ...LOGISTICS],
  },
  prisonDirectCare: {
    id: 'prison-direct-care',
    citation: 'DIS-12',
    allows: [
      'prisonNumber',
      ...LOGISTICS,
      'riskIssues',
      ...OM_TREATMENT,
      'lastPrisonDoseAt',
      'medicinesContinuation',
    ],
  },
  omConsentedSignedPlan: {
    id: 'om-consented-signed-plan',
    citation: 'DIS-08; DIS-04',
    allows: [...OM_RESTRICTED, ...OM_TREATMENT, ...PLAN],
  },
  omConsentedPlanUnsigned: {
    id: 'om-consented-plan-unsigned',
    citation: 'DIS-08; DIS-04',
    allows: [...OM_RESTRICTED, ...OM_TREATMENT],
  },
  omRiskOverride: {
    id: 'risk-override',
    citation: 'DIS-09',
    allows: [...new Set([...OM_RESTRICTED, ...RISK_SET])],
  },
  omRestricted: {
    id: 'om-restricted-set-without-consent',
    citation: 'DIS-07',
    allows: OM_RESTRICTED,
  },
  communityConsentedSignedPlan: {
    id: 'community-consented-signed-plan',
    citation: 'DIS-04; DIS-06',
    // BBV status only here, on the kinds that carry the DIR (DIS-17): FIELDS_OF_KIND narrows it.
    allows: ['prisonNumber', ...LOGISTICS, ...PLAN, ...ENGAGEMENT, ...CLINICAL, 'bbvStatus'],
  },
  communityRiskOverride: {
    id: 'risk-override',
    citation: 'DIS-09',
    allows: RISK_SET,
  },
  unplannedNonIdentifyingAlert: {
    id: 'unplanned-release-non-identifying-alert',
    citation: 'DIS-10',
    allows: ['holdingEstablishment', 'releaseArea', 'urgentContinuityNeed', 'prisonSpoc'],
  },
  communityNeedsSignedPlan: {
    id: 'community-needs-signed-release-plan',
    citation: 'DIS-04',
    allows: [],
  },
  /**
   * A CJIT already holding the person is asked for its record: "where a PDU is already on the CJIT
   * caseload, and informed consent has been obtained to share personal information", the CJIT
   * passes it to the prison at once (DIS-16). The exchange rests on
   * consent, and the request itself tells the CJIT that its client is in custody, which is
   * identifying (DIS-05): so it needs the cjit scope. It does not need a signed release plan
   * (DIS-04 gates release-plan content; this is reception, long before any plan). It carries
   * the person, where and when they were received, and the prison SPOC to send the record to;
   * nothing clinical.
   */
  cjitRecordRequest: {
    id: 'cjit-record-request-with-consent',
    citation: 'DIS-16; DIR-06',
    allows: ['prisonNumber', 'establishment', 'receivedAt', 'prisonSpoc'],
  },
  communityNeedsConsent: {
    id: 'community-needs-consent',
    citation: 'DIS-05',
    allows: [],
  },
} as const satisfies Record<string, DisclosureRule>;

function without(field: FieldName, fields: FieldName[]): FieldName[] {
  return fields.filter((f) => f !== field);
}

/**
 * The releasing prison's own patient (direct care, DIS-12): OST is a critical medicine whose
 * omitted doses harm (OST-05), and a release with no planned access must have its reason
 * recorded and prompt re-assessment planned (OST-04): what a prescriber needs to act on it,
 * the bridging request awaited included (ost.released-awaiting-script).
 */
const OST_PRISON_ALERT: FieldName[] = [
  'prisonNumber',
  ...LOGISTICS,
  'onOst',
  'ostMedicine',
  'doseMg',
  'lastPrisonDoseAt',
  'medicinesContinuation',
  'bridgingScript',
];

/** The fields each kind of notice can carry at all; a rule's allowance is narrowed to these. */
export const FIELDS_OF_KIND: Record<NoticeKind, readonly FieldName[]> = {
  RELEASE: without('dir', ['prisonNumber', ...LOGISTICS, ...PLAN, ...ENGAGEMENT, ...CLINICAL]),
  UNPLANNED_RELEASE: without('dir', [
    'prisonNumber',
    ...LOGISTICS,
    ...PLAN,
    ...ENGAGEMENT,
    ...CLINICAL,
    'holdingEstablishment',
    'urgentContinuityNeed',
  ]),
  RELEASE_CHANGED: ['prisonNumber', ...LOGISTICS],
  // Healthcare's BBV status travels with the DIR only (DIS-17).
  DIR_HANDOFF: ['prisonNumber', ...LOGISTICS, ...PLAN, ...ENGAGEMENT, ...CLINICAL, 'bbvStatus'],
  TRANSFER_CASE_FILE: ['prisonNumber', ...TRANSFER, ...ENGAGEMENT, ...CLINICAL, 'bbvStatus'],
  TREATMENT_SUMMARY: [
    'prisonNumber',
    'releaseDate',
    'establishment',
    ...ENGAGEMENT,
    ...OM_TREATMENT,
    ...PLAN,
  ],
  BRIDGING_REQUESTED: [
    'prisonNumber',
    ...LOGISTICS,
    'onOst',
    'ostMedicine',
    'doseMg',
    'lastPrisonDoseAt',
    'bridgingScript',
    'medicinesContinuation',
  ],
  BRIDGING_ISSUED: [
    'prisonNumber',
    'releaseDate',
    'establishment',
    'ostMedicine',
    'doseMg',
    'bridgingScript',
    'medicinesContinuation',
    'prisonSpoc',
  ],
  NALOXONE_MISSING: ['prisonNumber', ...LOGISTICS, 'opiateHistory', 'naloxone'],
  CONSENT_WITHDRAWN: ['prisonNumber', 'withdrawnAt'],
  CJIT_RECORD_REQUEST: ['prisonNumber', 'establishment', 'receivedAt', 'prisonSpoc'],
  OST_RELEASED_WITHOUT_PLAN: OST_PRISON_ALERT,
  // The same patient, the same prescribers: the last dose and the supply it must reach (OST-09).
  OST_LAST_DOSE_GAP: OST_PRISON_ALERT,
};
