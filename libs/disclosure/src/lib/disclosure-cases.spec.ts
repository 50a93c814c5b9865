import type { ConsentState, RiskOverride } from './consent-state';
import { fullRecord } from './consent-withdrawal';
import { decideDisclosure } from './decide-disclosure';
import { FIELDS_OF_KIND } from './disclosure-rules';
import type { NoticeKind } from './notice-kind';
import type { RecipientRole } from './recipient-role';

/*
 * The disclosure table: each row is one rule of docs/rules.md, as the hub applies it. The expected
 * field sets are written out here by hand (not imported from the rules), so a change to a rule
 * that is not also a deliberate change to this table fails.
 */

const AT = new Date('2026-12-16T09:00:00Z');

// Field groups, spelled out (see disclosure-fields.ts for the catalogue).
const LOGISTICS = [
  'releaseDate',
  'establishment',
  'releaseType',
  'onLicence',
  'releaseArea',
  'milestone',
  'shortNotice',
  'fridayOrPreHoliday',
  'previousReleaseDate',
  'dischargedAt',
  'court',
  'releasedAt',
  'reason',
  'receivedAt',
];
const PLAN = ['localTreatmentProvider', 'prisonSpoc', 'medicinesContinuation'];
const ENGAGEMENT = ['engagementStatus', 'interventionsDelivered', 'riskIssues', 'futureNeeds'];
const CLINICAL_WITHOUT_DIR = [
  'treatmentPlanned',
  'onOst',
  'ostMedicine',
  'doseMg',
  'opiateHistory',
  'lastPrisonDoseAt',
  'naloxone',
  'bridgingScript',
];
const OM_TREATMENT = [
  'treatmentPlanned',
  'onOst',
  'ostMedicine',
  'doseMg',
  'opiateHistory',
  'naloxone',
  'bridgingScript',
];
const RISK_CLINICAL = [
  'onOst',
  'ostMedicine',
  'doseMg',
  'opiateHistory',
  'lastPrisonDoseAt',
  'naloxone',
  'bridgingScript',
];

const COMMUNITY_RELEASE_FULL = [
  'prisonNumber',
  ...LOGISTICS,
  ...PLAN,
  ...ENGAGEMENT,
  ...CLINICAL_WITHOUT_DIR,
];
const RISK_RELEASE = ['prisonNumber', ...LOGISTICS, ...PLAN, 'riskIssues', ...RISK_CLINICAL];
const OM_RESTRICTED = ['prisonNumber', ...LOGISTICS, ...ENGAGEMENT];
const OM_CONSENTED_UNSIGNED = [...OM_RESTRICTED, ...OM_TREATMENT];
const OM_CONSENTED_SIGNED = [...OM_CONSENTED_UNSIGNED, ...PLAN];
const OM_OVERRIDE = [...OM_RESTRICTED, ...PLAN, ...RISK_CLINICAL];
const PRISON_DIRECT_CARE = [
  'prisonNumber',
  ...LOGISTICS,
  'riskIssues',
  ...OM_TREATMENT,
  'lastPrisonDoseAt',
  'medicinesContinuation',
];
const NO_RECIPIENT_ALERT = ['prisonNumber', ...LOGISTICS];
const UNPLANNED_ALERT = [
  'holdingEstablishment',
  'releaseArea',
  'urgentContinuityNeed',
  'prisonSpoc',
];
const TRANSFER_CASE_FILE = [
  'prisonNumber',
  'fromEstablishment',
  'toEstablishment',
  'transferredAt',
  ...ENGAGEMENT,
  ...CLINICAL_WITHOUT_DIR,
  'dir',
  'bbvStatus',
];
const WITHDRAWAL = ['prisonNumber', 'withdrawnAt'];

// Consent states.
function consent(version: number, granted: Partial<ConsentState>): ConsentState {
  return {
    version,
    communityTreatment: false,
    cjit: false,
    probation: false,
    ndtms: false,
    releasePlanSigned: false,
    ...granted,
  };
}
const NONE = null;
const ALL_SIGNED = consent(2, {
  communityTreatment: true,
  cjit: true,
  probation: true,
  ndtms: true,
  releasePlanSigned: true,
});
const ALL_UNSIGNED = consent(1, { communityTreatment: true, cjit: true, probation: true });
const CJIT_SIGNED = consent(2, { cjit: true, releasePlanSigned: true });
const CP_SIGNED = consent(2, { communityTreatment: true, releasePlanSigned: true });
const PROBATION_UNSIGNED = consent(1, { probation: true });
const PROBATION_SIGNED = consent(2, { probation: true, releasePlanSigned: true });
const NDTMS_ONLY_SIGNED = consent(2, { ndtms: true, releasePlanSigned: true });
/** Version 3: everything withdrawn after it had all been given and the plan signed. */
const ALL_WITHDRAWN = consent(3, { releasePlanSigned: true });
/** Version 3: the CJIT scope withdrawn, the rest kept. */
const CJIT_WITHDRAWN = consent(3, {
  communityTreatment: true,
  probation: true,
  releasePlanSigned: true,
});
/** Version 3: probation withdrawn, the rest kept. */
const PROBATION_WITHDRAWN = consent(3, {
  communityTreatment: true,
  cjit: true,
  releasePlanSigned: true,
});

// Risk overrides.
function override(
  id: string,
  scope: RiskOverride['scope'],
  extra: Partial<RiskOverride> = {},
): RiskOverride {
  return {
    overrideId: id,
    ground: 'LIFE_THREATENING',
    scope,
    recordedAt: '2026-12-10T12:00:00Z',
    ...extra,
  };
}
const COMMUNITY_OVERRIDE = [override('ov-community', ['cjit', 'communityTreatment'])];
const PROBATION_OVERRIDE = [override('ov-probation', ['probation'])];
const EXPIRED_OVERRIDE = [
  override('ov-expired', ['cjit', 'communityTreatment', 'probation'], {
    expiresAt: '2026-12-15T00:00:00Z',
  }),
];
const LATER_OVERRIDE = [
  override('ov-later', ['cjit', 'communityTreatment', 'probation'], {
    recordedAt: '2026-12-17T00:00:00Z',
  }),
];

interface Case {
  kind: NoticeKind;
  role: RecipientRole;
  consent: ConsentState | null;
  overrides?: RiskOverride[];
  outcome: 'SEND' | 'ALERT' | 'WITHHOLD';
  rule: string;
  fields: string[];
  /** The rule of docs/rules.md the row encodes. */
  source: string;
  why: string;
}

const W = 'WITHHOLD' as const;
const CASES: Case[] = [
  // ── Release milestones (6 weeks, 2 days, day of release, discharged) ──────────────────────
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'CJIT details only with informed consent',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: consent(1, { cjit: true }),
    outcome: W,
    rule: 'community-needs-signed-release-plan',
    fields: [],
    source: 'DIS-04',
    why: 'plan signed before information is released to the community',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: CJIT_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: COMMUNITY_RELEASE_FULL,
    source: 'DIS-04',
    why: 'consent and a signed plan: the release plan information',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: CP_SIGNED,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'consent is per recipient: the provider scope does not cover the CJIT',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: NDTMS_ONLY_SIGNED,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-14',
    why: 'NDTMS consent is for NDTMS only',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: NONE,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: RISK_RELEASE,
    source: 'DIS-09',
    why: 'shared without consent where life is at risk, minimum necessary',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: NONE,
    overrides: EXPIRED_OVERRIDE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-09',
    why: 'an expired override no longer covers the disclosure',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: NONE,
    overrides: LATER_OVERRIDE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-09',
    why: 'an override recorded after the send does not reach back',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: NONE,
    overrides: PROBATION_OVERRIDE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-02',
    why: "an override's scope names its recipients",
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: consent(1, { cjit: true }),
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: RISK_RELEASE,
    source: 'DIS-09',
    why: 'an override is the only way past an unsigned plan',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: CJIT_WITHDRAWN,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'CON-02',
    why: 'after withdrawal, no further disclosure without permission',
  },
  {
    kind: 'RELEASE',
    role: 'CJIT',
    consent: ALL_WITHDRAWN,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: RISK_RELEASE,
    source: 'DIS-09',
    why: 'an override stands after withdrawal: the duty to disclose risk to life',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'nothing identifying to a provider without consent',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: consent(1, { communityTreatment: true }),
    outcome: W,
    rule: 'community-needs-signed-release-plan',
    fields: [],
    source: 'DIS-04',
    why: 'plan signed before information is released to the community',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: CP_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: COMMUNITY_RELEASE_FULL,
    source: 'DIS-06',
    why: 'plans, risks and other relevant information with consent (BBV status goes with the DIR, DIS-17)',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: CP_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: COMMUNITY_RELEASE_FULL,
    source: 'NAL-02',
    why: 'whether naloxone was issued goes with the plan to the provider that continues treatment',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: CJIT_SIGNED,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'the CJIT scope does not cover the provider',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: RISK_RELEASE,
    source: 'DIS-09',
    why: 'risk to life: what keeps the person alive, no BBV status',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_WITHDRAWN,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'CON-02',
    why: 'after withdrawal, no further disclosure',
  },
  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: COMMUNITY_RELEASE_FULL,
    source: 'REL-01',
    why: 'the release plan names the local provider and the prison SPOC',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: OM_RESTRICTED,
    source: 'DIS-07',
    why: 'the closed without-consent set',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_UNSIGNED,
    outcome: 'SEND',
    rule: 'om-consented-plan-unsigned',
    fields: OM_CONSENTED_UNSIGNED,
    source: 'DIS-08',
    why: 'interventions and treatment planned, with consent; no release plan yet',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_SIGNED,
    outcome: 'SEND',
    rule: 'om-consented-signed-plan',
    fields: OM_CONSENTED_SIGNED,
    source: 'DIS-04',
    why: 'release plan information to probation once signed',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: ALL_SIGNED,
    outcome: 'SEND',
    rule: 'om-consented-signed-plan',
    fields: OM_CONSENTED_SIGNED,
    source: 'DIS-03',
    why: 'even with consent, no BBV status: not a drug intervention',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    overrides: PROBATION_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: OM_OVERRIDE,
    source: 'DIS-09',
    why: 'risk to life adds what keeps the person safe to the restricted set',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_WITHDRAWN,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: OM_RESTRICTED,
    source: 'DIS-07',
    why: 'after withdrawal the OM falls back to the restricted set',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: CP_SIGNED,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: OM_RESTRICTED,
    source: 'DIS-07',
    why: 'the provider scope does not cover probation',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    overrides: EXPIRED_OVERRIDE,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: OM_RESTRICTED,
    source: 'DIS-07',
    why: 'an expired override adds nothing',
  },
  {
    kind: 'RELEASE',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'no-recipient-alert-to-releasing-prison',
    fields: NO_RECIPIENT_ALERT,
    source: 'REL-04',
    why: 'no local provider registered: the prison must find one',
  },
  {
    kind: 'RELEASE',
    role: 'RELEASING_PRISON',
    consent: ALL_SIGNED,
    outcome: 'SEND',
    rule: 'no-recipient-alert-to-releasing-prison',
    fields: NO_RECIPIENT_ALERT,
    source: 'DIS-02',
    why: 'the prison already holds the clinical record: logistics only',
  },
  {
    kind: 'RELEASE',
    role: 'RECEIVING_PRISON',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'need to know: a release notice is not for a transfer prison',
  },

  {
    kind: 'RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_UNSIGNED,
    outcome: W,
    rule: 'community-needs-signed-release-plan',
    fields: [],
    source: 'DIS-04',
    why: 'every scope given, but the plan is not signed',
  },
  {
    kind: 'RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: ALL_UNSIGNED,
    outcome: 'SEND',
    rule: 'om-consented-plan-unsigned',
    fields: OM_CONSENTED_UNSIGNED,
    source: 'DIS-08',
    why: 'treatment information with consent does not wait for the plan',
  },

  // ── Unplanned release from court ─────────────────────────────────────────────────────────
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'CJIT',
    consent: NONE,
    outcome: 'ALERT',
    rule: 'unplanned-release-non-identifying-alert',
    fields: UNPLANNED_ALERT,
    source: 'DIS-10',
    why: 'withheld never means silent: a non-identifying alert',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'CJIT',
    consent: consent(1, { cjit: true }),
    outcome: 'ALERT',
    rule: 'unplanned-release-non-identifying-alert',
    fields: UNPLANNED_ALERT,
    source: 'DIS-04',
    why: 'consent without a signed plan still identifies no one',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'CJIT',
    consent: CJIT_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: COMMUNITY_RELEASE_FULL,
    source: 'DIS-04',
    why: 'consent and a signed plan: the full notice',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'CJIT',
    consent: NONE,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: RISK_RELEASE,
    source: 'DIS-09',
    why: 'risk to life: identifying, minimum necessary',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'CJIT',
    consent: ALL_WITHDRAWN,
    outcome: 'ALERT',
    rule: 'unplanned-release-non-identifying-alert',
    fields: UNPLANNED_ALERT,
    source: 'DIS-10',
    why: 'after withdrawal, the alert still goes',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'the alert is for the CJIT, which brokers provision',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: consent(1, { communityTreatment: true }),
    outcome: W,
    rule: 'community-needs-signed-release-plan',
    fields: [],
    source: 'DIS-04',
    why: 'plan unsigned',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'COMMUNITY_PROVIDER',
    consent: CP_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: COMMUNITY_RELEASE_FULL,
    source: 'REL-01',
    why: 'the local provider named for an unexpected release',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: OM_RESTRICTED,
    source: 'DIS-07',
    why: 'the OM if known, restricted set',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_UNSIGNED,
    outcome: 'SEND',
    rule: 'om-consented-plan-unsigned',
    fields: OM_CONSENTED_UNSIGNED,
    source: 'DIS-08',
    why: 'treatment delivered and planned, with consent',
  },
  {
    kind: 'UNPLANNED_RELEASE',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'prison-direct-care',
    fields: PRISON_DIRECT_CARE,
    source: 'DIS-12',
    why: "the holding prison's SPOC acts for an unknown area",
  },

  // ── Rescheduled or cancelled: to whoever was told before ─────────────────────────────────
  {
    kind: 'RELEASE_CHANGED',
    role: 'CJIT',
    consent: CJIT_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: NO_RECIPIENT_ALERT,
    source: 'DIS-04',
    why: 'a date change carries the logistics only',
  },
  {
    kind: 'RELEASE_CHANGED',
    role: 'CJIT',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'CON-02',
    why: 'told before, but consent is judged now',
  },
  {
    kind: 'RELEASE_CHANGED',
    role: 'COMMUNITY_PROVIDER',
    consent: consent(1, { communityTreatment: true }),
    outcome: W,
    rule: 'community-needs-signed-release-plan',
    fields: [],
    source: 'DIS-04',
    why: 'plan unsigned',
  },
  {
    kind: 'RELEASE_CHANGED',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: NO_RECIPIENT_ALERT,
    source: 'DIS-09',
    why: 'the override covers the change of date',
  },
  {
    kind: 'RELEASE_CHANGED',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: NO_RECIPIENT_ALERT,
    source: 'DIS-07',
    why: 'the OM needs the date to manage the case',
  },
  {
    kind: 'RELEASE_CHANGED',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'no-recipient-alert-to-releasing-prison',
    fields: NO_RECIPIENT_ALERT,
    source: 'REL-04',
    why: 'the prison that was alerted hears of the change',
  },

  // ── DIR handoff with the release notices ─────────────────────────────────────────────────
  {
    kind: 'DIR_HANDOFF',
    role: 'CJIT',
    consent: CJIT_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: [...COMMUNITY_RELEASE_FULL, 'dir', 'bbvStatus'],
    source: 'DIS-17',
    why: "DIR updates through the agreed DIR processes, with consent: healthcare's BBV status too",
  },
  {
    kind: 'DIR_HANDOFF',
    role: 'COMMUNITY_PROVIDER',
    consent: CP_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: [...COMMUNITY_RELEASE_FULL, 'dir', 'bbvStatus'],
    source: 'DIS-17',
    why: 'the treatment service continuing care gets the BBV status with the DIR, with consent',
  },
  {
    kind: 'DIR_HANDOFF',
    role: 'CJIT',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'no DIR without consent',
  },
  {
    kind: 'DIR_HANDOFF',
    role: 'CJIT',
    consent: consent(1, { cjit: true }),
    outcome: W,
    rule: 'community-needs-signed-release-plan',
    fields: [],
    source: 'DIS-04',
    why: 'plan unsigned',
  },
  {
    kind: 'DIR_HANDOFF',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: RISK_RELEASE,
    source: 'DIS-03',
    why: 'an override sends what keeps the person safe, not the DIR',
  },
  {
    kind: 'DIR_HANDOFF',
    role: 'OFFENDER_MANAGER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'the OM has the treatment summary, not the DIR',
  },

  // ── Transfer: the case file to the receiving prison ──────────────────────────────────────
  {
    kind: 'TRANSFER_CASE_FILE',
    role: 'RECEIVING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'transfer-case-file-direct-care',
    fields: TRANSFER_CASE_FILE,
    source: 'DIS-11',
    why: 'the casework file and medical record must go on the day of transfer',
  },
  {
    kind: 'TRANSFER_CASE_FILE',
    role: 'RECEIVING_PRISON',
    consent: ALL_WITHDRAWN,
    outcome: 'SEND',
    rule: 'transfer-case-file-direct-care',
    fields: TRANSFER_CASE_FILE,
    source: 'DIS-11',
    why: 'continuity of direct care does not rest on consent (DIS-11; docs/rules.md, Decisions 1)',
  },
  {
    kind: 'TRANSFER_CASE_FILE',
    role: 'CJIT',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'a case file is for the receiving prison only',
  },
  {
    kind: 'TRANSFER_CASE_FILE',
    role: 'OFFENDER_MANAGER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'a case file is for the receiving prison only',
  },

  // ── Treatment summary for the offender manager ──────────────────────────────────────────
  {
    kind: 'TREATMENT_SUMMARY',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: ['prisonNumber', 'releaseDate', 'establishment', ...ENGAGEMENT],
    source: 'DIS-07',
    why: 'the restricted version',
  },
  {
    kind: 'TREATMENT_SUMMARY',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_UNSIGNED,
    outcome: 'SEND',
    rule: 'om-consented-plan-unsigned',
    fields: ['prisonNumber', 'releaseDate', 'establishment', ...ENGAGEMENT, ...OM_TREATMENT],
    source: 'DIS-08',
    why: 'the consented version, in time for licence conditions',
  },
  {
    kind: 'TREATMENT_SUMMARY',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_SIGNED,
    outcome: 'SEND',
    rule: 'om-consented-signed-plan',
    fields: [
      'prisonNumber',
      'releaseDate',
      'establishment',
      ...ENGAGEMENT,
      ...OM_TREATMENT,
      ...PLAN,
    ],
    source: 'DIS-08',
    why: 'all interventions and treatment planned on release',
  },
  {
    kind: 'TREATMENT_SUMMARY',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_WITHDRAWN,
    outcome: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: ['prisonNumber', 'releaseDate', 'establishment', ...ENGAGEMENT],
    source: 'DIS-07',
    why: 'withdrawal turns the summary into the restricted version',
  },
  {
    kind: 'TREATMENT_SUMMARY',
    role: 'OFFENDER_MANAGER',
    consent: NONE,
    overrides: PROBATION_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: [
      'prisonNumber',
      'releaseDate',
      'establishment',
      ...ENGAGEMENT,
      'onOst',
      'ostMedicine',
      'doseMg',
      'opiateHistory',
      'naloxone',
      'bridgingScript',
      ...PLAN,
    ],
    source: 'DIS-09',
    why: 'risk to life: medication continuity, not the treatment narrative',
  },
  {
    kind: 'TREATMENT_SUMMARY',
    role: 'CJIT',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'the summary is for probation',
  },

  // ── OST bridging and naloxone ────────────────────────────────────────────────────────────
  {
    kind: 'BRIDGING_REQUESTED',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'prison-direct-care',
    fields: [
      'prisonNumber',
      ...LOGISTICS,
      'onOst',
      'ostMedicine',
      'doseMg',
      'lastPrisonDoseAt',
      'bridgingScript',
      'medicinesContinuation',
    ],
    source: 'DIS-12',
    why: 'prison prescribers, within the prison',
  },
  {
    kind: 'BRIDGING_REQUESTED',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'the request is for the prescribers; the provider hears when it is issued',
  },
  {
    kind: 'BRIDGING_ISSUED',
    role: 'COMMUNITY_PROVIDER',
    consent: CP_SIGNED,
    outcome: 'SEND',
    rule: 'community-consented-signed-plan',
    fields: [
      'prisonNumber',
      'releaseDate',
      'establishment',
      'ostMedicine',
      'doseMg',
      'bridgingScript',
      'medicinesContinuation',
      'prisonSpoc',
    ],
    source: 'REL-01',
    why: 'explicit arrangements for the continuation of medicines',
  },
  {
    kind: 'BRIDGING_ISSUED',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-05',
    why: 'no script details without consent',
  },
  {
    kind: 'BRIDGING_ISSUED',
    role: 'COMMUNITY_PROVIDER',
    consent: NONE,
    overrides: COMMUNITY_OVERRIDE,
    outcome: 'SEND',
    rule: 'risk-override',
    fields: [
      'prisonNumber',
      'releaseDate',
      'establishment',
      'ostMedicine',
      'doseMg',
      'bridgingScript',
      'medicinesContinuation',
      'prisonSpoc',
    ],
    source: 'DIS-09',
    why: 'an omitted OST dose is a risk to life',
  },
  {
    kind: 'NALOXONE_MISSING',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'prison-direct-care',
    fields: ['prisonNumber', ...LOGISTICS, 'opiateHistory', 'naloxone'],
    source: 'DIS-12',
    why: "the releasing prison's own team",
  },

  // ── A reception for someone on a CJIT caseload: ask that CJIT for its record ─────────────
  {
    kind: 'CJIT_RECORD_REQUEST',
    role: 'CJIT',
    consent: consent(1, { cjit: true }),
    outcome: 'SEND',
    rule: 'cjit-record-request-with-consent',
    fields: ['prisonNumber', 'establishment', 'receivedAt', 'prisonSpoc'],
    source: 'DIS-16',
    why: 'the CJIT passes its information at once when the person consented; no release plan yet',
  },
  {
    kind: 'CJIT_RECORD_REQUEST',
    role: 'CJIT',
    consent: NONE,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-16',
    why: 'without informed consent nothing is exchanged',
  },
  {
    kind: 'CJIT_RECORD_REQUEST',
    role: 'CJIT',
    consent: CJIT_WITHDRAWN,
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-16',
    why: 'a withdrawn cjit scope stops the request',
  },
  {
    kind: 'CJIT_RECORD_REQUEST',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'only the CJIT that holds the person is asked',
  },
  {
    kind: 'CJIT_RECORD_REQUEST',
    role: 'CJIT',
    consent: consent(1, { communityTreatment: true, probation: true }),
    outcome: W,
    rule: 'community-needs-consent',
    fields: [],
    source: 'DIS-16',
    why: "other scopes do not cover the CJIT's exchange",
  },
  {
    kind: 'CJIT_RECORD_REQUEST',
    role: 'CJIT',
    consent: CJIT_SIGNED,
    outcome: 'SEND',
    rule: 'cjit-record-request-with-consent',
    fields: ['prisonNumber', 'establishment', 'receivedAt', 'prisonSpoc'],
    source: 'DIS-16',
    why: 'a signed plan adds nothing clinical to the request',
  },

  // ── Released on OST with no plan: the releasing prison's prescribers act ─────────────────
  {
    kind: 'OST_RELEASED_WITHOUT_PLAN',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'prison-direct-care',
    fields: [
      'prisonNumber',
      ...LOGISTICS,
      'onOst',
      'ostMedicine',
      'doseMg',
      'lastPrisonDoseAt',
      'medicinesContinuation',
      'bridgingScript',
    ],
    source: 'OST-05',
    why: 'OST is a critical medicine: omitted doses harm; the prison treating them acts (and sees the script awaited)',
  },
  {
    kind: 'OST_RELEASED_WITHOUT_PLAN',
    role: 'RELEASING_PRISON',
    consent: ALL_WITHDRAWN,
    outcome: 'SEND',
    rule: 'prison-direct-care',
    fields: [
      'prisonNumber',
      ...LOGISTICS,
      'onOst',
      'ostMedicine',
      'doseMg',
      'lastPrisonDoseAt',
      'medicinesContinuation',
      'bridgingScript',
    ],
    source: 'OST-04',
    why: 'no plan: the reason recorded and re-assessment planned by its own clinicians, consent aside',
  },
  {
    kind: 'OST_RELEASED_WITHOUT_PLAN',
    role: 'OFFENDER_MANAGER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'a prescribing alert, not for probation',
  },
  {
    kind: 'OST_RELEASED_WITHOUT_PLAN',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'the alert is for the prison that released the person',
  },

  // ── The last prison dose falls short of the next supply: the releasing prison acts ───────
  {
    kind: 'OST_LAST_DOSE_GAP',
    role: 'RELEASING_PRISON',
    consent: NONE,
    outcome: 'SEND',
    rule: 'prison-direct-care',
    fields: [
      'prisonNumber',
      ...LOGISTICS,
      'onOst',
      'ostMedicine',
      'doseMg',
      'lastPrisonDoseAt',
      'medicinesContinuation',
      'bridgingScript',
    ],
    source: 'OST-09',
    why: 'the last dose covers 24 hours only: its own prescribers move the dose or bring the script forward',
  },
  {
    kind: 'OST_LAST_DOSE_GAP',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'a prescribing alert for the prison that gives the dose',
  },
  {
    kind: 'OST_LAST_DOSE_GAP',
    role: 'OFFENDER_MANAGER',
    consent: ALL_SIGNED,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'a prescribing alert, not for probation',
  },

  // ── Consent withdrawn: the holders are told, with the person's id only ───────────────────
  {
    kind: 'CONSENT_WITHDRAWN',
    role: 'CJIT',
    consent: ALL_WITHDRAWN,
    outcome: 'SEND',
    rule: 'consent-withdrawn-notice',
    fields: WITHDRAWAL,
    source: 'DIS-13',
    why: 'not to be used further except with permission',
  },
  {
    kind: 'CONSENT_WITHDRAWN',
    role: 'COMMUNITY_PROVIDER',
    consent: ALL_WITHDRAWN,
    outcome: 'SEND',
    rule: 'consent-withdrawn-notice',
    fields: WITHDRAWAL,
    source: 'DIS-13',
    why: 'not to be used further except with permission',
  },
  {
    kind: 'CONSENT_WITHDRAWN',
    role: 'OFFENDER_MANAGER',
    consent: PROBATION_WITHDRAWN,
    outcome: 'SEND',
    rule: 'consent-withdrawn-notice',
    fields: WITHDRAWAL,
    source: 'DIS-13',
    why: 'not to be used further except with permission',
  },
  {
    kind: 'CONSENT_WITHDRAWN',
    role: 'RECEIVING_PRISON',
    consent: ALL_WITHDRAWN,
    outcome: W,
    rule: 'not-a-recipient-of-this-notice',
    fields: [],
    source: 'DIS-02',
    why: 'direct care in prison does not rest on consent',
  },
];

describe('disclosure table', () => {
  it('has at least 60 cases, every recipient role, and a rule id for each', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.role))).toEqual(
      new Set([
        'COMMUNITY_PROVIDER',
        'CJIT',
        'OFFENDER_MANAGER',
        'RELEASING_PRISON',
        'RECEIVING_PRISON',
      ]),
    );
    for (const c of CASES) expect(c.source).toMatch(/^[A-Z]{3}-\d{2}$/);
  });

  it.each(CASES.map((c) => [`${c.kind} → ${c.role}: ${c.why} (${c.source})`, c] as const))(
    '%s',
    (_, c) => {
      const decision = decideDisclosure(
        { kind: c.kind, role: c.role, consent: c.consent, overrides: c.overrides ?? [], at: AT },
        fullRecord('A1234BC'),
      );
      expect(decision.outcome).toBe(c.outcome);
      expect(decision.rule).toBe(c.rule);
      expect([...decision.fieldNames].sort()).toEqual([...new Set(c.fields)].sort());
      expect(Object.keys(decision.fields).sort()).toEqual([...decision.fieldNames].sort());
      expect(decision.citation).toMatch(/^[A-Z]{3}-\d{2}(; [A-Z]{3}-\d{2})*$/);
      expect(decision.consentVersion).toBe(c.consent?.version ?? null);
    },
  );
});

describe('consent and a risk override together', () => {
  it('give the OM what either allows, under both rules', () => {
    const decision = decideDisclosure(
      {
        kind: 'RELEASE',
        role: 'OFFENDER_MANAGER',
        consent: PROBATION_UNSIGNED,
        overrides: PROBATION_OVERRIDE,
        at: AT,
      },
      fullRecord('A1234BC'),
    );
    expect(decision.rule).toBe('om-consented-plan-unsigned+risk-override');
    expect([...decision.fieldNames].sort()).toEqual(
      [...new Set([...OM_CONSENTED_UNSIGNED, ...OM_OVERRIDE])].sort(),
    );
    expect(decision.riskOverrideId).toBe('ov-probation');
  });
});

describe("the release plan's essentials", () => {
  // docs/hub-interface.md §4: every release notice to a community recipient carries the local treatment
  // provider, the prison SPOC, how medicines continue (REL-01) and
  // whether naloxone was issued (NAL-02) — whenever it may go at all.
  const ESSENTIALS = ['localTreatmentProvider', 'prisonSpoc', 'medicinesContinuation', 'naloxone'];
  const sends: Array<[NoticeKind, RecipientRole, ConsentState | null, RiskOverride[]]> = [
    ['RELEASE', 'COMMUNITY_PROVIDER', CP_SIGNED, []],
    ['RELEASE', 'CJIT', CJIT_SIGNED, []],
    ['RELEASE', 'COMMUNITY_PROVIDER', NONE, COMMUNITY_OVERRIDE],
    ['UNPLANNED_RELEASE', 'COMMUNITY_PROVIDER', CP_SIGNED, []],
    ['UNPLANNED_RELEASE', 'CJIT', NONE, COMMUNITY_OVERRIDE],
    ['DIR_HANDOFF', 'CJIT', CJIT_SIGNED, []],
    ['DIR_HANDOFF', 'COMMUNITY_PROVIDER', CP_SIGNED, []],
  ];

  it.each(sends)('%s → %s carries all of them', (kind, role, consent, overrides) => {
    const decision = decideDisclosure(
      { kind, role, consent, overrides, at: AT },
      fullRecord('A1234BC'),
    );
    expect(decision.outcome).toBe('SEND');
    expect(decision.fieldNames).toEqual(expect.arrayContaining(ESSENTIALS));
  });
});

describe('blood-borne virus status (DIS-17)', () => {
  const KINDS = Object.keys(FIELDS_OF_KIND) as NoticeKind[];
  const CONSENTS = [NONE, ALL_UNSIGNED, ALL_SIGNED, PROBATION_SIGNED, ALL_WITHDRAWN];
  const carriesBbv = (
    kind: NoticeKind,
    role: RecipientRole,
    consentState: ConsentState | null,
    overrides: RiskOverride[],
  ) =>
    decideDisclosure(
      { kind, role, consent: consentState, overrides, at: AT },
      fullRecord('A1234BC'),
    ).fieldNames.includes('bbvStatus');

  it('never reaches the OM, whatever the consent or override', () => {
    for (const kind of KINDS)
      for (const consentState of CONSENTS)
        for (const overrides of [[], PROBATION_OVERRIDE])
          expect(carriesBbv(kind, 'OFFENDER_MANAGER', consentState, overrides)).toBe(false);
  });

  it('never goes under a risk override alone, nor on the non-identifying alert', () => {
    for (const kind of KINDS)
      for (const role of ['CJIT', 'COMMUNITY_PROVIDER'] as const) {
        expect(carriesBbv(kind, role, NONE, COMMUNITY_OVERRIDE)).toBe(false);
        expect(carriesBbv(kind, role, ALL_UNSIGNED, [])).toBe(false);
      }
  });

  it('goes only with the DIR: the community handoff under consent and a signed plan, and the transfer case file', () => {
    const carried = KINDS.flatMap((kind) =>
      (['CJIT', 'COMMUNITY_PROVIDER', 'RECEIVING_PRISON', 'RELEASING_PRISON'] as const)
        .filter((role) => carriesBbv(kind, role, ALL_SIGNED, []))
        .map((role) => `${kind} → ${role}`),
    );
    expect(carried.sort()).toEqual(
      [
        'DIR_HANDOFF → CJIT',
        'DIR_HANDOFF → COMMUNITY_PROVIDER',
        'TRANSFER_CASE_FILE → RECEIVING_PRISON',
      ].sort(),
    );
  });
});
