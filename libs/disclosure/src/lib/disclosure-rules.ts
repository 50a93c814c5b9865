import { fieldsOfClass, type FieldName } from './disclosure-fields';
import type { NoticeKind } from './notice-kind';

/** A named rule and the seed line it encodes; every audit row carries both. */
export interface DisclosureRule {
  id: string;
  citation: string;
  /** What the rule lets the recipient see (before the notice kind narrows it). */
  allows: readonly FieldName[];
}

const SEED_001 = 'seeds/001_18802cf5bd444756.txt';
const SEED_002 = 'seeds/002_1eed16caf82e2044.txt';
const SEED_003 = 'seeds/003_f42733e749d9adef.txt';
const SEED_004 = 'seeds/004_4d2725de1c348b75.txt';

const LOGISTICS = fieldsOfClass('logistics');
const PLAN = fieldsOfClass('plan');
const ENGAGEMENT = fieldsOfClass('engagement');
const CLINICAL = fieldsOfClass('clinical');
const TRANSFER = fieldsOfClass('transfer');

/** What the OM may know without consent: a closed allow-list (requirements.md §4.4, §10 item 8). */
const OM_RESTRICTED: FieldName[] = ['prisonNumber', ...LOGISTICS, ...ENGAGEMENT];
/** "all drug interventions undertaken in prison and any treatment planned on release" (004:537); no BBV status (minimum necessary, 002:316). */
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
 * (Caldicott 3, 002:316-317): no BBV status, no DIR, no intervention history.
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
    citation: `${SEED_002}:318-319`,
    allows: [],
  },
  consentWithdrawnNotice: {
    id: 'consent-withdrawn-notice',
    citation: `${SEED_004}:300`,
    allows: ['prisonNumber', 'withdrawnAt'],
  },
  transferCaseFile: {
    id: 'transfer-case-file-direct-care',
    citation: `${SEED_004}:46`,
    allows: ['prisonNumber', ...TRANSFER, ...ENGAGEMENT, ...CLINICAL],
  },
  noRecipientAlert: {
    id: 'no-recipient-alert-to-releasing-prison',
    citation: `${SEED_002}:655`,
    allows: ['prisonNumber', ...LOGISTICS],
  },
  prisonDirectCare: {
    id: 'prison-direct-care',
    citation: `${SEED_004}:294-297`,
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
    citation: `${SEED_004}:537; ${SEED_004}:596`,
    allows: [...OM_RESTRICTED, ...OM_TREATMENT, ...PLAN],
  },
  omConsentedPlanUnsigned: {
    id: 'om-consented-plan-unsigned',
    citation: `${SEED_004}:537; ${SEED_004}:596`,
    allows: [...OM_RESTRICTED, ...OM_TREATMENT],
  },
  omRiskOverride: {
    id: 'risk-override',
    citation: `${SEED_004}:667`,
    allows: [...new Set([...OM_RESTRICTED, ...RISK_SET])],
  },
  omRestricted: {
    id: 'om-restricted-set-without-consent',
    citation: `${SEED_004}:540-551`,
    allows: OM_RESTRICTED,
  },
  communityConsentedSignedPlan: {
    id: 'community-consented-signed-plan',
    citation: `${SEED_004}:596; ${SEED_004}:272; ${SEED_001}:55`,
    allows: ['prisonNumber', ...LOGISTICS, ...PLAN, ...ENGAGEMENT, ...CLINICAL],
  },
  communityRiskOverride: {
    id: 'risk-override',
    citation: `${SEED_004}:667`,
    allows: RISK_SET,
  },
  unplannedNonIdentifyingAlert: {
    id: 'unplanned-release-non-identifying-alert',
    citation: `${SEED_004}:566`,
    allows: ['holdingEstablishment', 'releaseArea', 'urgentContinuityNeed', 'prisonSpoc'],
  },
  communityNeedsSignedPlan: {
    id: 'community-needs-signed-release-plan',
    citation: `${SEED_004}:596`,
    allows: [],
  },
  /**
   * A CJIT already holding the person is asked for its record: "where a PDU is already on the CJIT
   * caseload, and informed consent has been obtained to share personal information", the CJIT
   * passes it to the prison at once (003:589; requirements.md CON-14). The exchange rests on
   * consent, and the request itself tells the CJIT that its client is in custody, which is
   * identifying (DP-05): so it needs the cjit scope. It does not need a signed release plan
   * (004:596 gates release-plan content; this is reception, long before any plan). It carries
   * the person, where and when they were received, and the prison SPOC to send the record to;
   * nothing clinical.
   */
  cjitRecordRequest: {
    id: 'cjit-record-request-with-consent',
    citation: `${SEED_003}:589`,
    allows: ['prisonNumber', 'establishment', 'receivedAt', 'prisonSpoc'],
  },
  communityNeedsConsent: {
    id: 'community-needs-consent',
    citation: `${SEED_004}:272; ${SEED_003}:520`,
    allows: [],
  },
} as const satisfies Record<string, DisclosureRule>;

function without(field: FieldName, fields: FieldName[]): FieldName[] {
  return fields.filter((f) => f !== field);
}

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
  DIR_HANDOFF: ['prisonNumber', ...LOGISTICS, ...PLAN, ...ENGAGEMENT, ...CLINICAL],
  TRANSFER_CASE_FILE: ['prisonNumber', ...TRANSFER, ...ENGAGEMENT, ...CLINICAL],
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
  // The releasing prison's own patient (direct care, 004:294-297): OST is a critical medicine whose
  // omitted doses harm (002:695), and a release with no planned access must have its reason
  // recorded and prompt re-assessment planned (002:709): what a prescriber needs to act on it.
  OST_RELEASED_WITHOUT_PLAN: [
    'prisonNumber',
    ...LOGISTICS,
    'onOst',
    'ostMedicine',
    'doseMg',
    'lastPrisonDoseAt',
    'medicinesContinuation',
  ],
};
