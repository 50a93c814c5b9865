import { bankHolidaySet } from './bank-holidays';
import {
  addDays,
  isCalendarDate,
  isWorkingDay,
  nextWorkingDayAfter,
  previousWorkingDayOnOrBefore,
} from './working-days';

const holidays = bankHolidaySet();

describe(isWorkingDay.name, () => {
  it.each([
    ['2026-11-18', true], // a Wednesday
    ['2026-11-20', true], // a Friday
    ['2026-11-21', false], // a Saturday
    ['2026-11-22', false], // a Sunday
    ['2026-12-24', true], // Christmas Eve is not a bank holiday
    ['2026-12-25', false], // Christmas Day
    ['2026-12-28', false], // Boxing Day substitute (26th is a Saturday)
    ['2027-01-01', false], // New Year's Day
    ['2026-04-03', false], // Good Friday
    ['2027-03-29', false], // Easter Monday
    ['2026-05-04', false], // early May bank holiday
    ['2026-05-25', false], // spring bank holiday
    ['2026-08-31', false], // August bank holiday
    ['2028-01-03', false], // New Year's Day substitute (1st is a Saturday)
    ['2026-03-29', false], // the spring clock change is a Sunday
    ['2026-10-26', true], // the Monday after the autumn clock change
  ])('%s -> %s', (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  it('reads the configured list, not the shipped one', () => {
    expect(isWorkingDay('2026-12-25', bankHolidaySet([]))).toBe(true);
    expect(isWorkingDay('2026-12-23', bankHolidaySet(['2026-12-23']))).toBe(false);
  });
});

describe(addDays.name, () => {
  it.each([
    ['2026-03-28', 1, '2026-03-29'], // into the spring clock change: a 23-hour day locally
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'], // out of the autumn clock change: a 25-hour day locally
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'], // leap year
    ['2026-11-18', -42, '2026-10-07'],
    ['2026-04-01', -42, '2026-02-18'],
  ])('%s %+d days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each(['2026-02-30', '20261118', '2026-11-18T09:00', ''])('refuses %p', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });
});

describe(previousWorkingDayOnOrBefore.name, () => {
  it.each([
    ['2026-11-18', '2026-11-18'], // already a working day
    ['2026-11-22', '2026-11-20'], // Sunday -> Friday
    ['2026-12-28', '2026-12-24'], // Mon substitute, Sun, Sat, Fri Christmas -> Thu 24th
    ['2027-12-28', '2027-12-24'], // Tue, Mon (substitutes), Sun, Sat -> Fri 24th
    ['2027-03-29', '2027-03-25'], // Easter Monday, Sun, Sat, Good Friday -> Thursday
    ['2028-01-03', '2027-12-31'], // New Year's Day substitute -> Friday 31 December
  ])('%s -> %s', (date, expected) => {
    expect(previousWorkingDayOnOrBefore(date, holidays)).toBe(expected);
  });
});

describe(nextWorkingDayAfter.name, () => {
  it.each([
    ['2026-11-18', '2026-11-19'],
    ['2026-11-20', '2026-11-23'],
    ['2026-05-22', '2026-05-26'], // Friday before the spring bank holiday -> Tuesday
    ['2027-12-24', '2027-12-29'],
    ['2026-04-02', '2026-04-07'], // Thursday before Easter 2026 -> Tuesday after Easter Monday
  ])('%s -> %s', (date, expected) => {
    expect(nextWorkingDayAfter(date, holidays)).toBe(expected);
  });
});

describe(isCalendarDate.name, () => {
  it.each([
    ['2026-11-18', true],
    ['2028-02-29', true],
    ['2026-02-29', false], // 2026 is not a leap year
    ['2026-13-01', false],
    ['20261118', false],
    [20261118, false],
  ])('%p -> %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
