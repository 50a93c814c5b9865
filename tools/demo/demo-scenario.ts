import { randomUUID } from 'node:crypto';

import type { HubApiClient } from '@throughcare/testing';

import { COHORT_STEPS } from './continuity-cohort';
import type { ScenarioStep } from './scenario-step';

/**
 * The simulated start: just after midnight on Monday 19 October 2026. The continuity cohort is
 * received and planned that night; the story's own steps begin on 2 November.
 */
export const SCENARIO_START = '2026-10-19T00:05:00Z';
/** When every milestone of the scenario has fired (the day of the last release, after 09:00). */
export const SCENARIO_END = '2026-12-18T12:00:00Z';

export const RECIPIENTS = [
  { organisationId: 'leeds-cjit', type: 'CJIT', name: 'Leeds CJIT', path: '/leeds-cjit' },
  {
    organisationId: 'leeds-cp',
    type: 'COMMUNITY_PROVIDER',
    name: 'Leeds community treatment',
    path: '/leeds-cp',
  },
  {
    organisationId: 'yorkshire-probation',
    type: 'PROBATION',
    name: 'Yorkshire probation',
    path: '/yorkshire-probation',
  },
  { organisationId: 'hmp-leeds', type: 'PRISON', name: 'HMP Leeds', path: '/hmp-leeds' },
  { organisationId: 'hmp-moorland', type: 'PRISON', name: 'HMP Moorland', path: '/hmp-moorland' },
] as const;

const ESTABLISHMENTS: Record<string, string[]> = { 'hmp-leeds': ['LEI'], 'hmp-moorland': ['MDI'] };

/**
 * Registers the directory and returns the release teams' prison key, bound to LEI and MDI (the
 * demo's one team plays both prisons' healthcare and release teams).
 */
export async function registerDirectory(
  api: HubApiClient,
  sinkUrl: (path: string) => string,
): Promise<string> {
  for (const recipient of RECIPIENTS) {
    await api.registerOrganisation({
      organisationId: recipient.organisationId,
      type: recipient.type,
      name: recipient.name,
      ...(recipient.type === 'PRISON'
        ? { establishments: ESTABLISHMENTS[recipient.organisationId] }
        : { localAuthorityCodes: ['E08000035'] }),
      spoc: {
        name: 'Duty worker',
        email: `spoc@${recipient.organisationId}.example`,
        phone: '0113 000 0000',
      },
    });
    await api.subscribe(recipient.organisationId, sinkUrl(recipient.path), [
      'throughcare.notice.*',
    ]);
  }
  const issued = await api.post('/v1/api-keys', {
    organisationId: 'hmp-leeds',
    role: 'prison',
    establishments: ['LEI', 'MDI'],
  });
  return (issued.body as { key: string }).key;
}

const clinical = { onOst: true, ostMedicine: 'METHADONE', doseMg: 60, opiateHistory: true };
const omAt = (organisationId: string) => ({
  onLicence: true,
  offenderManager: { name: 'Sam Patel', email: 'sam.patel@probation.example', organisationId },
});

function release(
  prisonNumber: string,
  releaseDate: string,
  at: string,
  onLicence = true,
  area = 'E08000035',
) {
  return {
    eventId: randomUUID(),
    prisonNumber,
    establishment: 'LEI',
    releaseDate,
    releaseType: onLicence ? 'CONDITIONAL_RELEASE' : 'SENTENCE_EXPIRY',
    supervision: onLicence ? omAt('yorkshire-probation') : { onLicence },
    releaseArea: { localAuthorityCode: area },
    clinical,
    occurredAt: at,
  };
}

function reception(prisonNumber: string, at: string) {
  return {
    eventId: randomUUID(),
    prisonNumber,
    establishment: 'LEI',
    receivedAt: at,
    receptionType: 'SENTENCED',
    substanceMisuse: { opiateUse: true, onOst: true, ostMedicine: 'METHADONE', alcohol: false },
    cjitCaseload: { organisationId: 'leeds-cjit' },
  };
}

function consent(at: string, granted: Record<string, boolean>) {
  return {
    communityTreatment: false,
    cjit: false,
    probation: false,
    ndtms: false,
    releasePlanSigned: false,
    ...granted,
    recordedBy: 'CARAT worker J. Smith',
    recordedAt: at,
  };
}

function dir(receivedAt: string, establishment: string, recordedAt: string, status: string) {
  return {
    custodyEpisode: { receivedAt, establishment: 'LEI' },
    establishment,
    healthcareSectionCompletedAt: recordedAt,
    substances: [
      { substance: 'OPIATES', route: 'INJECTED', primary: true },
      { substance: 'CRACK_COCAINE', route: 'SMOKED', primary: false },
    ],
    treatment: { status, modalities: ['OST_MAINTENANCE'], previousTreatment: 'COMMUNITY' },
    keyworker: { name: 'Alex Reid', email: 'alex.reid@lei-smt.example' },
    cjit: { organisationId: 'leeds-cjit' },
    riskIssues: ['overdose risk after release'],
    futureNeeds: ['supported housing', 'GP registration'],
    treatmentPlanned: ['methadone maintenance with Leeds community treatment'],
    recordedBy: 'Healthcare triage nurse',
    recordedAt,
  };
}

/** An intake event, posted to /v1/events/<kind>. */
const step = (
  at: string,
  kind: string,
  story: string,
  body: Record<string, unknown>,
): ScenarioStep => ({ at, method: 'POST', path: `events/${kind}`, story, body });

/** A change to a person's record: consent, a risk override. */
const record = (
  at: string,
  method: 'POST' | 'PUT',
  path: string,
  story: string,
  body: Record<string, unknown>,
): ScenarioStep => ({ at, method, path, story, body });

/** What HMP Leeds's release team records over the weeks: every kind of intake event. */
const STORY_STEPS: ScenarioStep[] = [
  step(
    '2026-11-02T08:00:00Z',
    'reception',
    'A1234BC received, on methadone, known to Leeds CJIT',
    reception('A1234BC', '2026-11-02T08:00:00Z'),
  ),
  step(
    '2026-11-02T08:10:00Z',
    'reception',
    'B2345CD received',
    reception('B2345CD', '2026-11-02T08:10:00Z'),
  ),
  step(
    '2026-11-02T08:20:00Z',
    'reception',
    'D4567EF received',
    reception('D4567EF', '2026-11-02T08:20:00Z'),
  ),
  step(
    '2026-11-02T08:30:00Z',
    'reception',
    'G7890HJ received',
    reception('G7890HJ', '2026-11-02T08:30:00Z'),
  ),
  record(
    '2026-11-02T08:45:00Z',
    'PUT',
    'people/A1234BC/consent',
    'A1234BC consents to share with Leeds CJIT, the provider and probation, and signs the plan',
    consent('2026-11-02T08:45:00Z', {
      communityTreatment: true,
      cjit: true,
      probation: true,
      releasePlanSigned: true,
    }),
  ),
  record(
    '2026-11-02T08:46:00Z',
    'PUT',
    'people/A1234BC/dir',
    "A1234BC: healthcare completes the DIR's healthcare section (one DIR for the custody episode)",
    dir('2026-11-02T08:00:00Z', 'LEI', '2026-11-02T08:46:00Z', 'ACCESSING'),
  ),
  record(
    '2026-11-02T08:47:00Z',
    'PUT',
    'people/A1234BC/ost-plan',
    'A1234BC: methadone continues on an FP10MDA bridging script until the community picks up',
    {
      arrangement: 'BRIDGING_SCRIPT',
      recordedBy: 'Dr R. Khan',
      recordedAt: '2026-11-02T08:47:00Z',
    },
  ),
  record(
    '2026-11-02T08:48:00Z',
    'PUT',
    'people/D4567EF/dir',
    'D4567EF: DIR started at Leeds',
    dir('2026-11-02T08:20:00Z', 'LEI', '2026-11-02T08:48:00Z', 'ASSESSMENT_PENDING'),
  ),
  record(
    '2026-11-02T08:50:00Z',
    'PUT',
    'people/B2345CD/consent',
    'B2345CD consents to the CJIT and provider, but has not signed the plan yet',
    consent('2026-11-02T08:50:00Z', { communityTreatment: true, cjit: true }),
  ),
  step(
    '2026-11-02T09:00:00Z',
    'release',
    'A1234BC: Friday release on licence, planned in good time',
    release('A1234BC', '2026-12-18', '2026-11-02T09:00:00Z'),
  ),
  step(
    '2026-11-02T09:10:00Z',
    'release',
    'B2345CD: release in eight days, so at short notice',
    release('B2345CD', '2026-11-10', '2026-11-02T09:10:00Z'),
  ),
  step(
    '2026-11-02T09:20:00Z',
    'release',
    'C3456DE: first seen by the hub, release to Bradford (no service registered)',
    release('C3456DE', '2026-11-27', '2026-11-02T09:20:00Z', false, 'E08000032'),
  ),
  step('2026-11-03T10:00:00Z', 'transfer', 'D4567EF moved from Leeds to Moorland', {
    eventId: randomUUID(),
    prisonNumber: 'D4567EF',
    fromEstablishment: 'LEI',
    toEstablishment: 'MDI',
    transferredAt: '2026-11-03T10:00:00Z',
  }),
  step(
    '2026-11-03T12:00:00Z',
    'reception',
    'D4567EF arrives at Moorland: reception attaches the DIR Leeds handed over',
    {
      eventId: randomUUID(),
      prisonNumber: 'D4567EF',
      establishment: 'MDI',
      receivedAt: '2026-11-03T12:00:00Z',
      receptionType: 'SENTENCED',
      substanceMisuse: { opiateUse: true, onOst: true, ostMedicine: 'METHADONE', alcohol: false },
    },
  ),
  record(
    '2026-11-03T14:00:00Z',
    'PUT',
    'people/D4567EF/dir',
    'D4567EF: Moorland updates the same DIR (version 2), no second one',
    dir('2026-11-02T08:20:00Z', 'MDI', '2026-11-03T14:00:00Z', 'ACCESSING'),
  ),
  step(
    '2026-11-04T10:00:00Z',
    'release',
    'E5678FG: release planned for 4 December',
    release('E5678FG', '2026-12-04', '2026-11-04T10:00:00Z'),
  ),
  step(
    '2026-11-05T11:00:00Z',
    'release',
    'C3456DE: release brought forward a day',
    release('C3456DE', '2026-11-26', '2026-11-05T11:00:00Z', false, 'E08000032'),
  ),
  step(
    '2026-11-06T12:00:00Z',
    'release',
    'G7890HJ: release on 11 December, not on licence, no consent given',
    release('G7890HJ', '2026-12-11', '2026-11-06T12:00:00Z', false),
  ),
  step('2026-11-09T10:00:00Z', 'release-cancelled', 'E5678FG: further charge, release cancelled', {
    eventId: randomUUID(),
    prisonNumber: 'E5678FG',
    establishment: 'LEI',
    reason: 'FURTHER_CHARGE',
    occurredAt: '2026-11-09T10:00:00Z',
  }),
  step('2026-11-10T09:40:00Z', 'discharge', 'B2345CD leaves the gate', {
    eventId: randomUUID(),
    prisonNumber: 'B2345CD',
    establishment: 'LEI',
    dischargedAt: '2026-11-10T09:40:00Z',
  }),
  record(
    '2026-11-18T11:00:00Z',
    'PUT',
    'people/A1234BC/consent',
    'A1234BC withdraws consent for the CJIT (the provider and probation keep theirs)',
    consent('2026-11-18T11:00:00Z', {
      communityTreatment: true,
      probation: true,
      releasePlanSigned: true,
    }),
  ),
  step(
    '2026-11-20T15:10:00Z',
    'court-release',
    'F6789GH bailed at Leeds Crown Court, not coming back',
    {
      eventId: randomUUID(),
      prisonNumber: 'F6789GH',
      court: 'Leeds Crown Court',
      holdingEstablishment: 'LEI',
      releasedAt: '2026-11-20T15:10:00Z',
      reason: 'BAIL',
      releaseArea: { localAuthorityCode: 'E08000035' },
    },
  ),
  step('2026-11-20T15:30:00Z', 'discharge', 'B2345CD discharged again by mistake: refused', {
    eventId: randomUUID(),
    prisonNumber: 'B2345CD',
    establishment: 'LEI',
    dischargedAt: '2026-11-20T15:30:00Z',
  }),
  record(
    '2026-11-25T14:00:00Z',
    'POST',
    'people/G7890HJ/risk-override',
    'G7890HJ: overdose risk on release; healthcare records a risk override for the community',
    {
      ground: 'LIFE_THREATENING',
      reason: 'Lost tolerance after detox and said he plans to use on the day of release',
      scope: ['cjit', 'communityTreatment'],
      authorisedBy: 'Head of Healthcare',
      recordedAt: '2026-11-25T14:00:00Z',
      consentSoughtFirst: true,
      personInformed: true,
    },
  ),
];

/** The story above and the continuity cohort (continuity-cohort.ts), in time order. */
export const SCENARIO_STEPS: ScenarioStep[] = [...STORY_STEPS, ...COHORT_STEPS].sort((a, b) =>
  a.at.localeCompare(b.at),
);
