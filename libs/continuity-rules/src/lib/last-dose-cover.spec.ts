import {
  checkLastDoseCover,
  lastDoseAlertDue,
  type LastDoseCoverQuestion,
} from './last-dose-cover';

// Release on Wednesday 16 June 2027 (BST, UTC+1).
const BASE: LastDoseCoverQuestion = {
  releaseDate: '2027-06-16',
  zone: 'Europe/London',
  ostPlan: null,
  bridgingRequest: null,
};
const booked = (at: string, lastPrisonDoseAt: string | null) => ({
  arrangement: 'COMMUNITY_DOSE_BOOKED' as const,
  communityAppointment: { at, organisationId: 'leeds-cp' },
  lastPrisonDoseAt,
});

describe('checkLastDoseCover (OST-02, OST-09)', () => {
  it('a dose on the release morning reaches a community dose the same afternoon', () => {
    expect(
      checkLastDoseCover({
        ...BASE,
        ostPlan: booked('2027-06-16T13:00:00Z', '2027-06-16T07:00:00Z'),
      }),
    ).toEqual({
      kind: 'COVERED',
      coveredUntil: '2027-06-17T07:00:00.000Z',
      supplyFrom: '2027-06-16T13:00:00.000Z',
    });
  });

  it('a community dose booked two days after release leaves a gap past the first 24 hours', () => {
    expect(
      checkLastDoseCover({
        ...BASE,
        ostPlan: booked('2027-06-18T09:00:00Z', '2027-06-16T07:00:00Z'),
      }),
    ).toEqual({
      kind: 'GAP',
      coveredUntil: '2027-06-17T07:00:00.000Z',
      supplyFrom: '2027-06-18T09:00:00.000Z',
      gapHours: 26,
    });
  });

  it('a script from the release day is collected at 09:00 London: a dose the day before does not reach it', () => {
    const script = { status: 'OPEN' as const, coverFrom: '2027-06-16' };
    const plan = {
      arrangement: 'BRIDGING_SCRIPT' as const,
      lastPrisonDoseAt: '2027-06-15T07:00:00Z',
    };
    expect(checkLastDoseCover({ ...BASE, ostPlan: plan, bridgingRequest: script })).toMatchObject({
      kind: 'GAP',
      supplyFrom: '2027-06-16T08:00:00.000Z',
      gapHours: 1,
    });
    const morning = { ...plan, lastPrisonDoseAt: '2027-06-16T06:30:00Z' };
    expect(checkLastDoseCover({ ...BASE, ostPlan: morning, bridgingRequest: script }).kind).toBe(
      'COVERED',
    );
  });

  it('the open bridging request wins over a community dose booked later (the script is the supply)', () => {
    expect(
      checkLastDoseCover({
        ...BASE,
        ostPlan: booked('2027-06-21T09:00:00Z', '2027-06-16T06:00:00Z'),
        bridgingRequest: { status: 'ISSUED', coverFrom: '2027-06-16' },
      }).kind,
    ).toBe('COVERED');
  });

  it('no last dose recorded; no plan or a decision to release without a supply is not this rule', () => {
    expect(checkLastDoseCover({ ...BASE, ostPlan: booked('2027-06-16T13:00:00Z', null) })).toEqual({
      kind: 'NOT_RECORDED',
      supplyFrom: '2027-06-16T13:00:00.000Z',
    });
    expect(checkLastDoseCover(BASE).kind).toBe('NOT_APPLICABLE');
    expect(
      checkLastDoseCover({ ...BASE, ostPlan: { arrangement: 'NONE', lastPrisonDoseAt: null } })
        .kind,
    ).toBe('NOT_APPLICABLE');
  });
});

describe('lastDoseAlertDue', () => {
  const gap = { kind: 'GAP', coveredUntil: '', supplyFrom: '', gapHours: 3 } as const;
  const unrecorded = { kind: 'NOT_RECORDED', supplyFrom: '' } as const;
  it.each([
    ['a gap at two days', gap, 'TWO_DAYS', true],
    ['a gap on the day', gap, 'DAY_OF_RELEASE', true],
    ['a gap at six weeks (too early to say)', gap, 'SIX_WEEKS', false],
    ['no last dose at two days (not given yet)', unrecorded, 'TWO_DAYS', false],
    ['no last dose on the day', unrecorded, 'DAY_OF_RELEASE', true],
  ] as const)('%s', (_case, cover, milestone, due) => {
    expect(lastDoseAlertDue(cover, milestone)).toBe(due);
  });
});
