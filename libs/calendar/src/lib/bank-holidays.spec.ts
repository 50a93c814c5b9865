import { DateTime } from 'luxon';

import {
  bankHolidaySet,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  isCalendarDateList,
} from './bank-holidays';

// Data-integrity checks on the shipped list. The rules are recomputed here, independently of the
// source: Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), the rest from
// the Banking and Financial Dealings Act 1971 schedule as GOV.UK applies it to England and Wales.

/** Easter Sunday of a Gregorian year, as [month, day]. */
function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const date = (year: number, month: number, day: number) => DateTime.utc(year, month, day);
const iso = (d: DateTime) => d.toISODate() as string;
const isWeekend = (d: DateTime) => d.weekday >= 6;

function firstMonday(year: number, month: number): DateTime {
  const first = date(year, month, 1);
  return first.plus({ days: (8 - first.weekday) % 7 });
}

function lastMonday(year: number, month: number): DateTime {
  const last = date(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday + 6) % 7 });
}

/** Holidays falling on a weekend move to the next weekday not already a holiday, in order. */
function withSubstitutes(days: DateTime[]): DateTime[] {
  const taken = new Set<string>();
  return days.map((day) => {
    let observed = day;
    while (isWeekend(observed) || taken.has(iso(observed))) observed = observed.plus({ days: 1 });
    taken.add(iso(observed));
    return observed;
  });
}

/** One-off holidays by proclamation, none in the shipped years (there are none in 2025-2028). */
const SPECIAL_DAYS: Record<number, string[]> = {};

function expectedHolidays(year: number): string[] {
  const [month, day] = easterSunday(year);
  const easter = date(year, month, day);
  return [
    ...withSubstitutes([date(year, 1, 1)]),
    easter.minus({ days: 2 }),
    easter.plus({ days: 1 }),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...withSubstitutes([date(year, 12, 25), date(year, 12, 26)]),
  ]
    .map(iso)
    .concat(SPECIAL_DAYS[year] ?? [])
    .sort();
}

const shippedYears = [
  ...new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((d) => Number(d.slice(0, 4)))),
];
const shippedIn = (year: number) =>
  ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((d) => d.startsWith(`${year}-`));

describe('easterSunday (the spec helper itself)', () => {
  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2028, 4, 16],
    [2038, 4, 25], // the latest Easter this century
  ])('%i: %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual([month, day]);
  });
});

describe('ENGLAND_AND_WALES_BANK_HOLIDAYS', () => {
  it('ships 2025 to 2028 (this year and at least the next two), in order, without repeats', () => {
    expect(shippedYears).toEqual([2025, 2026, 2027, 2028]);
    expect([...ENGLAND_AND_WALES_BANK_HOLIDAYS].sort()).toEqual(ENGLAND_AND_WALES_BANK_HOLIDAYS);
    expect(new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS).size).toBe(
      ENGLAND_AND_WALES_BANK_HOLIDAYS.length,
    );
    expect(isCalendarDateList(ENGLAND_AND_WALES_BANK_HOLIDAYS)).toBe(true);
  });

  it.each(shippedYears)("%i: Good Friday and Easter Monday match the year's Easter", (year) => {
    const [month, day] = easterSunday(year);
    const easter = date(year, month, day);
    const goodFriday = iso(easter.minus({ days: 2 }));
    const easterMonday = iso(easter.plus({ days: 1 }));
    expect(shippedIn(year).filter((d) => d === goodFriday || d === easterMonday)).toEqual([
      goodFriday,
      easterMonday,
    ]);
  });

  it.each(shippedYears)('%i: every holiday follows the rules, with substitute days', (year) => {
    expect(shippedIn(year)).toEqual(expectedHolidays(year));
  });

  it.each([
    // substitute days worked out by hand, to check the rule helper as well as the data
    ['2026-12-28', 'Boxing Day 2026 is a Saturday'],
    ['2027-12-27', 'Christmas Day 2027 is a Saturday'],
    ['2027-12-28', 'Boxing Day 2027 is a Sunday'],
    ['2028-01-03', "New Year's Day 2028 is a Saturday"],
  ])('includes the substitute %s (%s)', (substitute) => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS).toContain(substitute);
  });
});

describe(isCalendarDateList.name, () => {
  it.each([
    [['2026-12-25', '2026-12-28'], true],
    [[], true],
    [['2026-02-30'], false], // not a real date
    [['25/12/2026'], false],
    [[20261225], false],
    ['2026-12-25', false], // not an array
  ])('%p -> %s', (value, expected) => {
    expect(isCalendarDateList(value)).toBe(expected);
  });
});

describe(bankHolidaySet.name, () => {
  it('holds the shipped dates by default and a configured list when given one', () => {
    expect(bankHolidaySet().has('2026-12-25')).toBe(true);
    expect(bankHolidaySet(['2030-01-01']).has('2026-12-25')).toBe(false);
    expect(bankHolidaySet(['2030-01-01']).has('2030-01-01')).toBe(true);
  });
});
