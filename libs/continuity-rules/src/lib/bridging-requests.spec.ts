import { DEFAULT_MILESTONE_SETTINGS } from '@throughcare/calendar';
import type { OstPlanV1 } from '@throughcare/contracts';

import {
  bridgingRequestFor,
  needsBridging,
  RELEASED_ON_OST_WITHOUT_PLAN,
  type BridgingRequestQuestion,
} from './bridging-requests';

const RECORDED = { recordedBy: 'j.smith', recordedAt: '2026-10-01T10:00:00Z' };
const SCRIPT: OstPlanV1 = { arrangement: 'BRIDGING_SCRIPT', ...RECORDED };
const NO_SUPPLY: OstPlanV1 = {
  arrangement: 'NONE',
  reason: 'Declined continued prescribing',
  reassessmentPlannedFor: '2026-11-18T14:00:00Z',
  ...RECORDED,
};
function doseBookedAt(at: string, arrangement: OstPlanV1['arrangement'] = 'COMMUNITY_DOSE_BOOKED') {
  return { arrangement, communityAppointment: { at, organisationId: 'leeds-cp' }, ...RECORDED };
}

const ON_OST = { onOst: true };
const EARLY = new Date('2026-03-01T10:00:00Z');

function question(overrides: Partial<BridgingRequestQuestion>): BridgingRequestQuestion {
  return {
    releaseDate: '2026-11-18',
    releaseKind: 'PLANNED',
    clinical: ON_OST,
    ostPlan: SCRIPT,
    settings: DEFAULT_MILESTONE_SETTINGS,
    now: EARLY,
    ...overrides,
  };
}

const SCRIPT_PLANNED = { kind: 'SCRIPT', because: 'PLAN_IS_BRIDGING_SCRIPT' } as const;

describe(needsBridging.name, () => {
  it.each([
    ['not on OST', false, { onOst: false }, SCRIPT],
    [
      'a dose booked on the release day (OST-02)',
      false,
      ON_OST,
      doseBookedAt('2026-11-18T13:00:00Z'),
    ],
    ['a dose booked the day after (OST-03)', true, ON_OST, doseBookedAt('2026-11-19T10:00:00Z')],
    ['a bridging script planned (OST-03)', true, ON_OST, SCRIPT],
    ['release without supply decided and recorded (OST-04)', false, ON_OST, NO_SUPPLY],
    ['no plan at all (OST-05)', true, ON_OST, null],
  ])('%s -> %s', (_, expected, clinical, plan) => {
    expect(needsBridging(clinical, plan, '2026-11-18')).toBe(expected);
  });
});

describe(bridgingRequestFor.name, () => {
  it.each([
    // [case, releaseDate, two-day milestone (09:00 London), coverUntil, fridayOrPreHoliday]
    [
      'a Wednesday: cover to Thursday (OST-02)',
      '2026-11-18',
      '2026-11-16T09:00:00.000Z',
      '2026-11-19',
      false,
    ],
    [
      'a Friday: cover to Monday (TIM-04)',
      '2026-11-20',
      '2026-11-18T09:00:00.000Z',
      '2026-11-23',
      true,
    ],
    [
      'the Friday before the spring bank holiday: cover to Tuesday (TIM-04)',
      '2026-05-22',
      '2026-05-20T08:00:00.000Z',
      '2026-05-26',
      true,
    ],
    [
      'the Thursday before Good Friday: cover to the Tuesday after Easter Monday (TIM-04)',
      '2026-04-02',
      '2026-03-31T08:00:00.000Z',
      '2026-04-07',
      true,
    ],
  ])('planned release on %s', (_, releaseDate, openAt, coverUntil, fridayOrPreHoliday) => {
    expect(bridgingRequestFor(question({ releaseDate }))).toEqual({
      kind: 'REQUEST',
      need: SCRIPT_PLANNED,
      openAt: new Date(openAt),
      urgent: false,
      fridayOrPreHoliday,
      coverFrom: releaseDate,
      coverUntil,
      alerts: [],
    });
  });

  it('covers until a first community appointment later than the next working day (OST-03)', () => {
    const ostPlan = doseBookedAt('2026-11-23T10:00:00Z', 'BRIDGING_SCRIPT');
    expect(bridgingRequestFor(question({ ostPlan }))).toEqual({
      kind: 'REQUEST',
      need: SCRIPT_PLANNED,
      openAt: new Date('2026-11-16T09:00:00.000Z'),
      urgent: false,
      fridayOrPreHoliday: false,
      coverFrom: '2026-11-18',
      coverUntil: '2026-11-23',
      alerts: [],
    });
  });

  it('takes an appointment known apart from the plan', () => {
    const sut = bridgingRequestFor(question({ communityAppointmentDate: '2026-11-24' }));
    expect(sut).toEqual({
      kind: 'REQUEST',
      need: SCRIPT_PLANNED,
      openAt: new Date('2026-11-16T09:00:00.000Z'),
      urgent: false,
      fridayOrPreHoliday: false,
      coverFrom: '2026-11-18',
      coverUntil: '2026-11-24',
      alerts: [],
    });
  });

  it('opens at once and urgent for a court release on a Saturday (OST-06)', () => {
    const now = new Date('2026-11-21T15:12:00Z');
    const sut = bridgingRequestFor(
      question({ releaseDate: '2026-11-21', releaseKind: 'COURT', ostPlan: null, now }),
    );
    expect(sut).toEqual({
      kind: 'REQUEST',
      need: { kind: 'NO_PLAN' },
      openAt: now,
      urgent: true,
      fridayOrPreHoliday: true,
      coverFrom: '2026-11-21',
      coverUntil: '2026-11-23',
      alerts: [RELEASED_ON_OST_WITHOUT_PLAN],
    });
  });

  it('opens at once and urgent when planned after the two-day milestone (TIM-03)', () => {
    const now = new Date('2026-11-17T12:00:00Z');
    expect(bridgingRequestFor(question({ now }))).toEqual({
      kind: 'REQUEST',
      need: SCRIPT_PLANNED,
      openAt: now,
      urgent: true,
      fridayOrPreHoliday: false,
      coverFrom: '2026-11-18',
      coverUntil: '2026-11-19',
      alerts: [],
    });
  });

  it('asks for a script when the booked dose is after the release day (OST-02)', () => {
    const sut = bridgingRequestFor(
      question({ releaseDate: '2026-12-18', ostPlan: doseBookedAt('2026-12-21T10:00:00Z') }),
    );
    expect(sut).toEqual({
      kind: 'REQUEST',
      need: { kind: 'SCRIPT', because: 'DOSE_BOOKED_AFTER_RELEASE_DAY' },
      openAt: new Date('2026-12-16T09:00:00.000Z'),
      urgent: false,
      fridayOrPreHoliday: true,
      coverFrom: '2026-12-18',
      coverUntil: '2026-12-21',
      alerts: [],
    });
  });

  it.each([
    [
      'a dose booked on the release day (OST-02)',
      { releaseDate: '2026-12-18', ostPlan: doseBookedAt('2026-12-18T13:00:00Z') },
      { kind: 'DOSE_BOOKED_ON_RELEASE_DAY' },
    ],
    [
      'release without supply, decided with a reason: no request and no alert (OST-04)',
      { ostPlan: NO_SUPPLY },
      {
        kind: 'NO_SUPPLY_BY_DECISION',
        reason: 'Declined continued prescribing',
        reassessmentPlannedFor: '2026-11-18T14:00:00Z',
      },
    ],
    ['someone not on OST', { clinical: { onOst: false } }, { kind: 'NOT_ON_OST' }],
  ])('makes no request for %s', (_, overrides, need) => {
    expect(bridgingRequestFor(question(overrides))).toEqual({ kind: 'NO_REQUEST', need });
  });

  it('requests a script and raises the alert when someone on OST has no plan at all (OST-05)', () => {
    expect(bridgingRequestFor(question({ ostPlan: null }))).toEqual({
      kind: 'REQUEST',
      need: { kind: 'NO_PLAN' },
      openAt: new Date('2026-11-16T09:00:00.000Z'),
      urgent: false,
      fridayOrPreHoliday: false,
      coverFrom: '2026-11-18',
      coverUntil: '2026-11-19',
      alerts: [RELEASED_ON_OST_WITHOUT_PLAN],
    });
  });
});
