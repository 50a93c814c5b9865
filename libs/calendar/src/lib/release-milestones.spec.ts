import { bankHolidaySet } from './bank-holidays';
import { isFridayOrPreHoliday, localInstant, releaseMilestones } from './release-milestones';

const settings = { localTime: '09:00', zone: 'Europe/London', bankHolidays: bankHolidaySet() };

describe(releaseMilestones.name, () => {
  it.each([
    // release date, six weeks, two days, day of release (UTC instants of 09:00 London)
    [
      '2026-12-18',
      '2026-11-06T09:00:00.000Z',
      '2026-12-16T09:00:00.000Z',
      '2026-12-18T09:00:00.000Z',
    ],
    // six weeks before falls in BST (summer time): 09:00 London is 08:00Z
    [
      '2026-06-10',
      '2026-04-29T08:00:00.000Z',
      '2026-06-08T08:00:00.000Z',
      '2026-06-10T08:00:00.000Z',
    ],
    // two days before a Tuesday release is a Sunday: moved back to Friday
    [
      '2026-12-01',
      '2026-10-20T08:00:00.000Z',
      '2026-11-27T09:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ],
    // two days before is Christmas Day 2026 (a Friday bank holiday): moved to Thursday 24th
    [
      '2026-12-27',
      '2026-11-13T09:00:00.000Z',
      '2026-12-24T09:00:00.000Z',
      '2026-12-24T09:00:00.000Z',
    ],
    // six weeks before is Easter Monday 2027 (29 March): moved to Thursday 25 March (Good Friday too)
    [
      '2027-05-10',
      '2027-03-25T09:00:00.000Z',
      '2027-05-07T08:00:00.000Z',
      '2027-05-10T08:00:00.000Z',
    ],
  ])('release on %s: six weeks %s, two days %s, day %s', (releaseDate, sixWeeks, twoDays, day) => {
    const milestones = releaseMilestones(releaseDate, settings);
    expect(milestones.map((m) => [m.kind, m.dueAt.toISOString()])).toEqual([
      ['SIX_WEEKS', sixWeeks],
      ['TWO_DAYS', twoDays],
      ['DAY_OF_RELEASE', day],
    ]);
  });
});

describe(isFridayOrPreHoliday.name, () => {
  it.each([
    ['2026-12-18', true], // a Friday
    ['2026-12-24', true], // Christmas Eve, the day before a bank holiday
    ['2026-12-16', false], // a Wednesday
    ['2026-05-22', true], // Friday before the spring bank holiday
  ])('%s -> %s', (releaseDate, expected) => {
    expect(isFridayOrPreHoliday(releaseDate, settings.bankHolidays)).toBe(expected);
  });
});

describe(localInstant.name, () => {
  it('resolves 09:00 London on both sides of the October clock change', () => {
    expect(localInstant('2026-10-24', '09:00', 'Europe/London').toISOString()).toBe(
      '2026-10-24T08:00:00.000Z',
    );
    expect(localInstant('2026-10-26', '09:00', 'Europe/London').toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
  });
});
