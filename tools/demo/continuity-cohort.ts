import { randomUUID } from 'node:crypto';

import type { ScenarioStep } from './scenario-step';

/*
 * Twenty-two people released from HMP Leeds between 16 November and 17 December 2026, chosen
 * so that every throughcare measure (issue #6, GET /v1/measures) has something to count, and
 * counted by hand below. With the scenario's B2345CD (discharged 10 November) and F6789GH
 * (bailed at court 20 November) that is 24 releases.
 *
 * Each person is received on Monday 19 October. "Early" plans are recorded that night, two weeks
 * before the story's first step: posting them takes real seconds, which the 30,000x clock turns
 * into a day or two, so no early plan sits near a milestone (release dates up to 24 November have
 * their six-week milestone well before 19 October; from 9 December, well after). "Late" plans are
 * recorded on the release day itself at 08:00, after the six-week and two-day milestones have
 * passed. Every planned release is discharged at 10:30 on the day. "Licence": an offender
 * manager at Yorkshire probation, who gets every release notice (the restricted set without
 * consent). "Consent": every scope and a signed release plan, so the community gets them too.
 * Someone with neither is never notified.
 */

type OstPlan = 'DOSE_BOOKED' | 'SCRIPT_ISSUED' | 'SCRIPT_REQUESTED' | 'NONE' | 'NO_PLAN';
type Naloxone = 'ISSUED' | 'DECLINED' | 'NOT_ELIGIBLE' | null;

interface CohortPerson {
  prisonNumber: string;
  releaseDate: string;
  planned: 'EARLY' | 'LATE';
  licence: boolean;
  consent: boolean;
  opiateHistory: boolean;
  /** null: not on OST. */
  ost: OstPlan | null;
  naloxone: Naloxone;
}

//                                 release       plan     licence consent opiates ost               naloxone
const row = (
  prisonNumber: string,
  releaseDate: string,
  planned: 'EARLY' | 'LATE',
  licence: boolean,
  consent: boolean,
  opiateHistory: boolean,
  ost: OstPlan | null,
  naloxone: Naloxone,
): CohortPerson => ({
  prisonNumber,
  releaseDate,
  planned,
  licence,
  consent,
  opiateHistory,
  ost,
  naloxone,
});

export const COHORT: CohortPerson[] = [
  row('K1001AA', '2026-12-14', 'EARLY', true, true, true, 'DOSE_BOOKED', 'ISSUED'),
  row('K1002AA', '2026-12-15', 'EARLY', true, true, true, 'SCRIPT_ISSUED', 'ISSUED'),
  row('K1003AA', '2026-12-16', 'EARLY', false, true, true, 'SCRIPT_REQUESTED', null),
  row('K1004AA', '2026-12-17', 'EARLY', false, false, true, null, 'DECLINED'),
  row('K1005AA', '2026-12-14', 'EARLY', true, false, true, 'NONE', 'ISSUED'),
  row('K1006AA', '2026-12-15', 'EARLY', true, true, true, 'NO_PLAN', null),
  row('K1007AA', '2026-12-16', 'EARLY', true, true, false, null, null),
  row('K1008AA', '2026-12-17', 'EARLY', true, true, true, null, 'NOT_ELIGIBLE'),
  row('K1009AA', '2026-11-20', 'EARLY', true, true, true, 'DOSE_BOOKED', 'ISSUED'),
  row('K1010AA', '2026-11-17', 'EARLY', false, true, true, 'SCRIPT_ISSUED', 'ISSUED'),
  row('K1011AA', '2026-11-23', 'EARLY', false, false, true, 'NO_PLAN', null),
  row('K1012AA', '2026-11-24', 'EARLY', true, true, true, null, 'ISSUED'),
  row('K1013AA', '2026-11-25', 'LATE', true, false, true, 'DOSE_BOOKED', 'DECLINED'),
  row('K1014AA', '2026-11-26', 'LATE', false, true, true, 'DOSE_BOOKED', null),
  row('K1015AA', '2026-11-30', 'LATE', true, true, false, null, null),
  row('K1016AA', '2026-12-08', 'LATE', false, false, true, 'NONE', null),
  row('K1017AA', '2026-12-09', 'EARLY', true, true, true, 'SCRIPT_ISSUED', 'ISSUED'),
  row('K1018AA', '2026-12-10', 'EARLY', true, true, true, null, 'ISSUED'),
  row('K1019AA', '2026-11-18', 'EARLY', true, true, true, 'DOSE_BOOKED', 'ISSUED'),
  row('K1020AA', '2026-11-19', 'EARLY', true, false, true, 'NO_PLAN', null),
];

/** Bailed at Leeds Crown Court: K1021AA on methadone (urgent script, issued within the hour), K1022AA not. */
export const COURT_COHORT = [
  { prisonNumber: 'K1021AA', releasedAt: '2026-11-27T15:00:00Z', onOst: true, opiates: true },
  { prisonNumber: 'K1022AA', releasedAt: '2026-12-04T15:00:00Z', onOst: false, opiates: false },
] as const;

/**
 * What Leeds community treatment (which hears of everyone with consent) reports back (ACK-01):
 * first appointments attended, the continuity-of-care measure's evidence (MEA-06), and one
 * notice only accepted. Each is acknowledged an hour after the appointment.
 */
export const COHORT_ACKNOWLEDGEMENTS = [
  // Released 14 December, seen the next day: within 21 days.
  { prisonNumber: 'K1001AA', status: 'ACTIONED', attendedAt: '2026-12-15T10:00:00Z' },
  // Released 20 November, seen on the Monday after: within.
  { prisonNumber: 'K1009AA', status: 'ACTIONED', attendedAt: '2026-11-23T11:00:00Z' },
  // Released 26 November (planned that morning), seen the same afternoon: within.
  { prisonNumber: 'K1014AA', status: 'ACTIONED', attendedAt: '2026-11-26T15:00:00Z' },
  // Released 18 November, first seen 12 December, day 24: too late to count.
  { prisonNumber: 'K1019AA', status: 'ACTIONED', attendedAt: '2026-12-12T10:00:00Z' },
  // Released 17 November: accepted, never reported attending.
  { prisonNumber: 'K1010AA', status: 'ACCEPTED', attendedAt: '2026-11-17T15:00:00Z' },
] as const;

/**
 * The hand count, for `GET /v1/measures?establishment=LEI&from=2026-11-01&to=2026-12-31`.
 * Releases count once they have happened (a discharge or a court release): A1234BC, C3456DE and
 * G7890HJ are not discharged in the scenario, E5678FG was cancelled.
 */
export const HAND_COUNTED_MEASURES = {
  establishment: 'LEI',
  from: '2026-11-01',
  to: '2026-12-31',
  // 20 cohort + B2345CD planned; K1021AA, K1022AA, F6789GH from court.
  releases: 24,
  planned: {
    count: 21,
    // Told someone within the grace of the milestone: early plans whose six-week milestone
    // (release on or after 9 December) had not passed, for people with a licence or consent:
    // K1001 K1002 K1003 K1005 K1006 K1007 K1008 K1017 K1018 (K1004: neither; the rest: passed).
    notifiedAtSixWeeks: { count: 9, of: 21 },
    // Early plans, licence or consent: K1001-3 K1005-10 K1012 K1017-20 and B2345CD (15); not
    // K1004 K1011 (neither) nor the late K1013-16.
    notifiedAtTwoDays: { count: 15, of: 21 },
    // Everyone with a licence or consent, late plans included: 21 less K1004 K1011 K1016.
    notifiedOnTheDay: { count: 18, of: 21 },
  },
  // Eligible: an opiate history and not NOT_ELIGIBLE: 21 planned less K1007 K1015 (no
  // history) and K1008, plus K1021AA = 19. Issued: K1001 K1002 K1005 K1009 K1010 K1012 K1017
  // K1018 K1019 = 9.
  naloxoneIssuedOfEligible: { count: 9, of: 19 },
  ost: {
    // On OST: K1001-3 K1005 K1006 K1009-11 K1013 K1014 K1016 K1017 K1019 K1020 B2345CD (15)
    // and K1021AA = 16. A booked dose (K1001 K1009 K1013 K1014 K1019) or an issued script
    // (K1002 K1010 K1017 K1021) = 9; K1003's script was requested, never issued.
    withScriptOrBookedDose: { count: 9, of: 16 },
    noneWithReason: 2, // K1005 K1016
    noPlan: 4, // K1006 K1011 K1020 B2345CD
  },
  // F6789GH, K1021AA, K1022AA: each area's CJIT hears at once (the non-identifying alert
  // without consent), so all three are notified; how many simulated seconds that took depends
  // on the machine, so it is printed, not hand counted.
  unplanned: { count: 3, notified: 3 },
  // MEA-06. A treatment need (an opiate history or on OST): the 19 planned releases with an
  // opiate history (21 less K1007 K1015) and K1021AA = 20 (F6789GH and K1022AA have neither).
  // Attended within 21 days: K1001 K1009 K1014 = 3 (K1019 on day 24; K1010 only accepted).
  // Every release is LEI's and in Leeds (E08000035).
  continuityOfCare: {
    overall: { count: 3, of: 20 },
    byEstablishment: [{ establishment: 'LEI', count: 3, of: 20 }],
    byArea: [{ area: 'E08000035', count: 3, of: 20 }],
  },
} as const;

/** The on-time grace the demo runs with: 36 simulated hours, 4.3 real seconds at 30,000x. */
export const DEMO_ON_TIME_GRACE = '36h';

const METHADONE = { ostMedicine: 'METHADONE', doseMg: 60 } as const;

function at(date: string, time: string): string {
  return `${date}T${time}:00Z`; // UTC (London is on BST until 25 October, GMT after)
}

function consentBody(recordedAt: string) {
  return {
    communityTreatment: true,
    cjit: true,
    probation: true,
    ndtms: false,
    releasePlanSigned: true,
    recordedBy: 'CARAT worker J. Smith',
    recordedAt,
  };
}

function ostPlanBody(person: CohortPerson, recordedAt: string): Record<string, unknown> | null {
  switch (person.ost) {
    case null:
    case 'NO_PLAN':
      return null;
    case 'DOSE_BOOKED':
      return {
        arrangement: 'COMMUNITY_DOSE_BOOKED',
        communityAppointment: { at: at(person.releaseDate, '13:00'), organisationId: 'leeds-cp' },
        lastPrisonDoseAt: at(person.releaseDate, '08:00'),
        recordedBy: 'Dr R. Khan',
        recordedAt,
      };
    case 'SCRIPT_ISSUED':
    case 'SCRIPT_REQUESTED':
      return { arrangement: 'BRIDGING_SCRIPT', recordedBy: 'Dr R. Khan', recordedAt };
    case 'NONE':
      return {
        arrangement: 'NONE',
        reason: 'Detoxified in custody and chose to stop',
        reassessmentPlannedFor: at(person.releaseDate, '15:00'),
        recordedBy: 'Dr R. Khan',
        recordedAt,
      };
  }
}

function naloxoneBody(outcome: Exclude<Naloxone, null>, recordedAt: string) {
  if (outcome === 'ISSUED') return { outcome, trainingGiven: true, recordedAt };
  if (outcome === 'NOT_ELIGIBLE')
    return { outcome, reason: 'Known allergy to naloxone', recordedAt };
  return { outcome, recordedAt };
}

/** The day before the release, 14:00: after the two-day milestone opened the request. */
function dayBefore(releaseDate: string): string {
  const date = new Date(`${releaseDate}T14:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString();
}

function reception(prisonNumber: string, receivedAt: string, onOst: boolean, opiates: boolean) {
  return {
    eventId: randomUUID(),
    prisonNumber,
    establishment: 'LEI',
    receivedAt,
    receptionType: 'SENTENCED',
    substanceMisuse: {
      opiateUse: opiates,
      onOst,
      ...(onOst ? { ostMedicine: METHADONE.ostMedicine } : {}),
      alcohol: false,
    },
  };
}

function personSteps(person: CohortPerson, index: number): ScenarioStep[] {
  const { prisonNumber, releaseDate } = person;
  const onOst = person.ost !== null;
  const morning = at(
    '2026-10-19',
    `0${Math.floor(index / 10) + 1}:${String((index % 10) * 5).padStart(2, '0')}`,
  );
  const planAt = person.planned === 'EARLY' ? morning : at(releaseDate, '08:00');
  const steps: ScenarioStep[] = [
    {
      at: morning,
      method: 'POST',
      path: 'events/reception',
      story: `${prisonNumber} received`,
      body: reception(prisonNumber, morning, onOst, person.opiateHistory),
    },
  ];
  if (person.consent)
    steps.push({
      at: morning,
      method: 'PUT',
      path: `people/${prisonNumber}/consent`,
      story: `${prisonNumber} consents to every recipient and signs the plan`,
      body: consentBody(morning),
    });
  const ostPlan = ostPlanBody(person, planAt);
  if (ostPlan)
    steps.push({
      at: planAt,
      method: 'PUT',
      path: `people/${prisonNumber}/ost-plan`,
      story: `${prisonNumber} OST plan: ${String(ostPlan['arrangement'])}`,
      body: ostPlan,
    });
  if (person.naloxone)
    steps.push({
      at: planAt,
      method: 'POST',
      path: `people/${prisonNumber}/naloxone`,
      story: `${prisonNumber} naloxone ${person.naloxone}`,
      body: naloxoneBody(person.naloxone, planAt),
    });
  steps.push({
    at: planAt,
    method: 'POST',
    path: 'events/release',
    story: `${prisonNumber}: release on ${releaseDate}${person.planned === 'LATE' ? ', recorded on the day' : ''}`,
    body: {
      eventId: randomUUID(),
      prisonNumber,
      establishment: 'LEI',
      releaseDate,
      releaseType: person.licence ? 'CONDITIONAL_RELEASE' : 'SENTENCE_EXPIRY',
      supervision: person.licence
        ? {
            onLicence: true,
            offenderManager: {
              name: 'Sam Patel',
              email: 'sam.patel@probation.example',
              organisationId: 'yorkshire-probation',
            },
          }
        : { onLicence: false },
      releaseArea: { localAuthorityCode: 'E08000035' },
      clinical: { onOst, ...(onOst ? METHADONE : {}), opiateHistory: person.opiateHistory },
      occurredAt: planAt,
    },
  });
  if (person.ost === 'SCRIPT_ISSUED')
    steps.push({
      at: dayBefore(releaseDate),
      method: 'ISSUE_BRIDGING',
      path: prisonNumber,
      story: `${prisonNumber}: the prescriber issues the FP10MDA bridging script`,
      body: {},
    });
  steps.push({
    at: at(releaseDate, '10:30'),
    method: 'POST',
    path: 'events/discharge',
    story: `${prisonNumber} leaves the gate`,
    body: {
      eventId: randomUUID(),
      prisonNumber,
      establishment: 'LEI',
      dischargedAt: at(releaseDate, '10:30'),
    },
  });
  return steps;
}

function courtSteps(person: (typeof COURT_COHORT)[number], index: number): ScenarioStep[] {
  const receivedAt = at('2026-10-19', `07:${String(index * 10 + 10)}`);
  const steps: ScenarioStep[] = [
    {
      at: receivedAt,
      method: 'POST',
      path: 'events/reception',
      story: `${person.prisonNumber} remanded${person.onOst ? ', on methadone' : ''}`,
      body: reception(person.prisonNumber, receivedAt, person.onOst, person.opiates),
    },
    {
      at: person.releasedAt,
      method: 'POST',
      path: 'events/court-release',
      story: `${person.prisonNumber} bailed at Leeds Crown Court`,
      body: {
        eventId: randomUUID(),
        prisonNumber: person.prisonNumber,
        court: 'Leeds Crown Court',
        holdingEstablishment: 'LEI',
        releasedAt: person.releasedAt,
        reason: 'BAIL',
        releaseArea: { localAuthorityCode: 'E08000035' },
      },
    },
  ];
  if (person.onOst)
    steps.push({
      at: new Date(Date.parse(person.releasedAt) + 45 * 60_000).toISOString(),
      method: 'ISSUE_BRIDGING',
      path: person.prisonNumber,
      story: `${person.prisonNumber}: the prescriber issues the urgent bridging script`,
      body: {},
    });
  return steps;
}

function acknowledgementStep(ack: (typeof COHORT_ACKNOWLEDGEMENTS)[number]): ScenarioStep {
  const at = new Date(Date.parse(ack.attendedAt) + 3_600_000).toISOString();
  return {
    at,
    method: 'ACKNOWLEDGE',
    path: ack.prisonNumber,
    story:
      ack.status === 'ACTIONED'
        ? `Leeds community treatment: ${ack.prisonNumber} attended a first appointment`
        : `Leeds community treatment accepts ${ack.prisonNumber}`,
    body:
      ack.status === 'ACTIONED'
        ? { status: 'ACTIONED', action: { kind: 'FIRST_APPOINTMENT_ATTENDED', at: ack.attendedAt } }
        : { status: 'ACCEPTED' },
  };
}

/** Every cohort step, in time order. */
export const COHORT_STEPS: ScenarioStep[] = [
  ...COHORT.flatMap(personSteps),
  ...COURT_COHORT.flatMap(courtSteps),
  ...COHORT_ACKNOWLEDGEMENTS.map(acknowledgementStep),
].sort((a, b) => a.at.localeCompare(b.at));
