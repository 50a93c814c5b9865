import type { NaloxoneOutcome } from '@throughcare/contracts';

import {
  throughcareMeasures,
  type AcknowledgementFact,
  type NoticeSent,
  type OstContinuity,
  type ReleaseFact,
} from './throughcare-measures';

// Each notice fell due at the same moment; only how long after it went out matters.
const DUE = '2026-11-01T09:00:00Z';
const TIMING: Record<'ON_TIME' | 'LATE' | 'MISSING', NoticeSent> = {
  ON_TIME: { dueAt: DUE, sentAt: '2026-11-01T09:00:05Z' },
  LATE: { dueAt: DUE, sentAt: '2026-11-03T09:00:00Z' }, // short notice or a failed delivery
  MISSING: { dueAt: DUE, sentAt: null },
};
type Timing = keyof typeof TIMING;

interface Person {
  establishment: string;
  releaseDate: string;
  opiateHistory: boolean;
  ostContinuity: OstContinuity;
  naloxone: NaloxoneOutcome | null;
}

function planned(
  prisonNumber: string,
  person: Person,
  [six, two, day]: [Timing, Timing, Timing],
): ReleaseFact {
  return {
    prisonNumber,
    ...person,
    releaseKind: 'PLANNED',
    notices: { SIX_WEEKS: TIMING[six], TWO_DAYS: TIMING[two], DAY_OF_RELEASE: TIMING[day] },
  };
}

function court(
  prisonNumber: string,
  person: Person,
  noticeAfterSeconds: number | null,
): ReleaseFact {
  const releasedAt = `${person.releaseDate}T15:00:00Z`;
  const firstNoticeSentAt =
    noticeAfterSeconds === null
      ? null
      : new Date(Date.parse(releasedAt) + noticeAfterSeconds * 1000).toISOString();
  return { prisonNumber, ...person, releaseKind: 'COURT', releasedAt, firstNoticeSentAt };
}

function person(
  establishment: string,
  releaseDate: string,
  opiateHistory: boolean,
  ostContinuity: OstContinuity,
  naloxone: NaloxoneOutcome | null,
): Person {
  return { establishment, releaseDate, opiateHistory, ostContinuity, naloxone };
}

const OK: [Timing, Timing, Timing] = ['ON_TIME', 'ON_TIME', 'ON_TIME'];

// 22 releases. The window is December 2026. P17-P19 are at MDI; P20-P22 fall outside the window.
// prison  est  date        kind     opiate ost                        naloxone      notices (6w/2d/day) | court: seconds to notice
const RELEASES: ReleaseFact[] = [
  planned('P01', person('LEI', '2026-12-01', true, 'BRIDGING_SCRIPT_ISSUED', 'ISSUED'), OK),
  planned('P02', person('LEI', '2026-12-02', true, 'COMMUNITY_DOSE_BOOKED', 'ISSUED'), OK),
  planned('P03', person('LEI', '2026-12-03', true, 'NO_PLAN', null), [
    'LATE',
    'ON_TIME',
    'ON_TIME',
  ]),
  planned('P04', person('LEI', '2026-12-04', true, 'NOT_ON_OST', 'DECLINED'), [
    'ON_TIME',
    'MISSING',
    'ON_TIME',
  ]),
  planned('P05', person('LEI', '2026-12-07', false, 'NOT_ON_OST', null), OK),
  planned('P06', person('LEI', '2026-12-08', true, 'NONE_WITH_REASON', 'ISSUED'), [
    'MISSING',
    'LATE',
    'LATE',
  ]),
  planned('P07', person('LEI', '2026-12-09', true, 'BRIDGING_SCRIPT_REQUESTED', null), OK),
  planned('P08', person('LEI', '2026-12-10', true, 'NOT_ON_OST', 'NOT_ELIGIBLE'), OK),
  planned('P09', person('LEI', '2026-12-11', true, 'NOT_ON_OST', 'ISSUED'), [
    'ON_TIME',
    'ON_TIME',
    'MISSING',
  ]),
  planned('P10', person('LEI', '2026-12-14', true, 'COMMUNITY_DOSE_BOOKED', 'DECLINED'), OK),
  court('P11', person('LEI', '2026-12-05', true, 'NO_PLAN', null), 300),
  court('P12', person('LEI', '2026-12-12', true, 'NOT_ON_OST', 'ISSUED'), 120),
  court('P13', person('LEI', '2026-12-19', true, 'BRIDGING_SCRIPT_ISSUED', null), 1800),
  court('P14', person('LEI', '2026-12-26', false, 'NOT_ON_OST', null), null),
  planned('P15', person('LEI', '2026-12-31', false, 'NOT_ON_OST', null), OK),
  planned('P16', person('LEI', '2026-12-18', true, 'BRIDGING_SCRIPT_ISSUED', 'ISSUED'), [
    'ON_TIME',
    'ON_TIME',
    'LATE',
  ]),
  planned('P17', person('MDI', '2026-12-15', true, 'COMMUNITY_DOSE_BOOKED', 'ISSUED'), OK),
  court('P18', person('MDI', '2026-12-16', true, 'NO_PLAN', null), 60),
  planned('P19', person('MDI', '2026-12-17', true, 'NOT_ON_OST', 'DECLINED'), [
    'MISSING',
    'ON_TIME',
    'ON_TIME',
  ]),
  planned('P20', person('LEI', '2027-01-05', true, 'COMMUNITY_DOSE_BOOKED', 'ISSUED'), OK),
  court('P21', person('LEI', '2026-11-28', true, 'NO_PLAN', null), 10),
  planned('P22', person('MDI', '2026-11-20', false, 'NOT_ON_OST', null), OK),
];

const DECEMBER = { from: '2026-12-01', to: '2026-12-31' };

describe(throughcareMeasures.name, () => {
  it('counts LEI in December by hand', () => {
    expect(throughcareMeasures(RELEASES, { establishment: 'LEI', ...DECEMBER })).toEqual({
      establishment: 'LEI',
      ...DECEMBER,
      releases: 16, // P01-P16 (P20, P21 are outside the window; P17-P19, P22 are MDI)
      planned: {
        count: 12, // P01-P10, P15, P16
        notifiedAtSixWeeks: { count: 10, of: 12, ratio: 10 / 12 }, // not P03 (late), P06 (missing)
        notifiedAtTwoDays: { count: 10, of: 12, ratio: 10 / 12 }, // not P04 (missing), P06 (late)
        notifiedOnTheDay: { count: 9, of: 12, ratio: 9 / 12 }, // not P06, P16 (late), P09 (missing)
      },
      // eligible: opiate history (13: P01-P04, P06-P13, P16) less P08 NOT_ELIGIBLE = 12;
      // issued: P01, P02, P06, P09, P12, P16 = 6
      naloxoneIssuedOfEligible: { count: 6, of: 12, ratio: 6 / 12 },
      ost: {
        // on OST: P01, P02, P03, P06, P07, P10, P11, P13, P16 = 9; covered: P01, P02, P10, P13,
        // P16 = 5 (P07's script was requested, never issued)
        withScriptOrBookedDose: { count: 5, of: 9, ratio: 5 / 9 },
        noneWithReason: 1, // P06
        noPlan: 2, // P03, P11
      },
      // P11-P14; notified after 120, 300, 1800 s; P14 never notified
      unplanned: { count: 4, notified: 3, medianSecondsToNotice: 300, maxSecondsToNotice: 1800 },
      acknowledgements: [],
      continuityOfCare: expect.objectContaining({ withinDays: 21 }),
    });
  });

  it('counts every establishment in December by hand', () => {
    expect(throughcareMeasures(RELEASES, DECEMBER)).toEqual({
      establishment: null,
      ...DECEMBER,
      releases: 19, // LEI's 16 + P17, P18, P19
      planned: {
        count: 14, // + P17, P19
        notifiedAtSixWeeks: { count: 11, of: 14, ratio: 11 / 14 }, // + P17 (P19 missing)
        notifiedAtTwoDays: { count: 12, of: 14, ratio: 12 / 14 }, // + P17, P19
        notifiedOnTheDay: { count: 11, of: 14, ratio: 11 / 14 }, // + P17, P19
      },
      // eligible + P17, P18, P19 = 15; issued + P17 = 7
      naloxoneIssuedOfEligible: { count: 7, of: 15, ratio: 7 / 15 },
      ost: {
        withScriptOrBookedDose: { count: 6, of: 11, ratio: 6 / 11 }, // on OST + P17, P18; covered + P17
        noneWithReason: 1,
        noPlan: 3, // + P18
      },
      // + P18 at 60 s: 60, 120, 300, 1800 -> median (120 + 300) / 2
      unplanned: { count: 5, notified: 4, medianSecondsToNotice: 210, maxSecondsToNotice: 1800 },
      acknowledgements: [],
      continuityOfCare: expect.objectContaining({ withinDays: 21 }),
    });
  });

  it('answers an empty window with counts of zero and no ratios', () => {
    const empty = { count: 0, of: 0, ratio: null };
    expect(throughcareMeasures(RELEASES, { from: '2025-01-01', to: '2025-01-31' })).toEqual({
      establishment: null,
      from: '2025-01-01',
      to: '2025-01-31',
      releases: 0,
      planned: {
        count: 0,
        notifiedAtSixWeeks: empty,
        notifiedAtTwoDays: empty,
        notifiedOnTheDay: empty,
      },
      naloxoneIssuedOfEligible: empty,
      ost: { withScriptOrBookedDose: empty, noneWithReason: 0, noPlan: 0 },
      unplanned: { count: 0, notified: 0, medianSecondsToNotice: null, maxSecondsToNotice: null },
      acknowledgements: [],
      continuityOfCare: { withinDays: 21, overall: empty, byEstablishment: [], byArea: [] },
    });
  });

  it('counts a notice two hours late as on time only under a wider configured grace', () => {
    const twoHoursLate = planned(
      'Q0001AA',
      person('LEI', '2026-12-10', false, 'NOT_ON_OST', null),
      ['ON_TIME', 'ON_TIME', 'ON_TIME'],
    );
    if (twoHoursLate.releaseKind !== 'PLANNED') throw new Error('planned');
    twoHoursLate.notices.SIX_WEEKS = { dueAt: DUE, sentAt: '2026-11-01T11:00:00Z' };
    const query = { from: '2026-12-01', to: '2026-12-31' };
    expect(throughcareMeasures([twoHoursLate], query).planned.notifiedAtSixWeeks.count).toBe(0);
    expect(
      throughcareMeasures([twoHoursLate], query, { onTimeGraceSeconds: 3 * 3600 }).planned
        .notifiedAtSixWeeks.count,
    ).toBe(1);
  });

  it('counts continuity of care: a first appointment attended on the release day up to 21 days after, of releases with a treatment need (MEA-06)', () => {
    const attended = (fact: ReleaseFact, area: string, at: string | null): ReleaseFact => ({
      ...fact,
      releaseArea: area,
      firstAppointmentAttendedAt: at,
    });
    const need = person('LEI', '2026-12-01', true, 'NOT_ON_OST', null);
    const releases = [
      attended(
        planned('C01', need, ['ON_TIME', 'ON_TIME', 'ON_TIME']),
        'E1',
        '2026-12-01T14:00:00Z',
      ),
      // day 21, late evening in London: still in
      attended(
        planned('C02', need, ['ON_TIME', 'ON_TIME', 'ON_TIME']),
        'E1',
        '2026-12-22T23:30:00Z',
      ),
      // day 22: out
      attended(
        planned('C03', need, ['ON_TIME', 'ON_TIME', 'ON_TIME']),
        'E2',
        '2026-12-23T09:00:00Z',
      ),
      // on OST without an opiate history, never attended
      attended(court('C04', person('MDI', '2026-12-02', false, 'NO_PLAN', null), 60), 'E2', null),
      // no treatment need: not counted even though attended
      attended(
        planned('C05', person('MDI', '2026-12-03', false, 'NOT_ON_OST', null), [
          'ON_TIME',
          'ON_TIME',
          'ON_TIME',
        ]),
        'E2',
        '2026-12-04T10:00:00Z',
      ),
    ];
    expect(throughcareMeasures(releases, DECEMBER).continuityOfCare).toEqual({
      withinDays: 21,
      overall: { count: 2, of: 4, ratio: 0.5 },
      byEstablishment: [
        { establishment: 'LEI', count: 2, of: 3, ratio: 2 / 3 },
        { establishment: 'MDI', count: 0, of: 1, ratio: 0 },
      ],
      byArea: [
        { area: 'E1', count: 2, of: 2, ratio: 1 },
        { area: 'E2', count: 0, of: 2, ratio: 0 },
      ],
    });
  });

  it('times acceptance and action per organisation and notice kind, each delivery once (MEA-05)', () => {
    const fact = (
      deliveryId: string,
      organisationId: string,
      accepted: number | null,
      actioned: number | null,
    ): AcknowledgementFact => ({
      deliveryId,
      organisationId,
      noticeType: 'throughcare.notice.release.unplanned',
      establishment: 'LEI',
      releaseDate: '2026-12-01',
      openedAt: '2026-12-01T10:00:00Z',
      acceptedAt:
        accepted === null
          ? null
          : new Date(Date.parse('2026-12-01T10:00:00Z') + accepted * 1000).toISOString(),
      actionedAt:
        actioned === null
          ? null
          : new Date(Date.parse('2026-12-01T10:00:00Z') + actioned * 1000).toISOString(),
    });
    const facts = [
      fact('msg_1', 'leeds-cjit', 600, 7200),
      fact('msg_1', 'leeds-cjit', 600, 7200), // the same delivery read twice
      fact('msg_2', 'leeds-cjit', 1800, null),
      fact('msg_3', 'leeds-cjit', null, null),
      fact('msg_4', 'leeds-cp', 60, 60),
      { ...fact('msg_5', 'leeds-cp', 60, 60), establishment: 'MDI' }, // another prison's release
    ];
    expect(
      throughcareMeasures([], { establishment: 'LEI', ...DECEMBER }, undefined, facts)
        .acknowledgements,
    ).toEqual([
      {
        organisationId: 'leeds-cjit',
        noticeType: 'throughcare.notice.release.unplanned',
        notices: 3,
        toAccept: { count: 2, medianSeconds: 1200, maxSeconds: 1800 },
        toAction: { count: 1, medianSeconds: 7200, maxSeconds: 7200 },
      },
      {
        organisationId: 'leeds-cp',
        noticeType: 'throughcare.notice.release.unplanned',
        notices: 1,
        toAccept: { count: 1, medianSeconds: 60, maxSeconds: 60 },
        toAction: { count: 1, medianSeconds: 60, maxSeconds: 60 },
      },
    ]);
  });
});
