import { DateTime } from 'luxon';

// All date arithmetic here is on calendar dates (YYYY-MM-DD) in UTC, so nothing depends on the
// host's time zone and no day is 23 or 25 hours long. Wall-clock instants are made only in
// release-milestones.ts (localInstant), in an explicit zone.

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (so '2026-02-30' and '20261118' are not). */
export function isCalendarDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    CALENDAR_DATE.test(value) &&
    DateTime.fromISO(value, { zone: 'UTC' }).isValid
  );
}

function parseCalendarDate(date: string): DateTime {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return DateTime.fromISO(date, { zone: 'UTC' });
}

/** A calendar date (YYYY-MM-DD) is a working day unless it is a weekend or a bank holiday. */
export function isWorkingDay(date: string, bankHolidays: ReadonlySet<string>): boolean {
  return parseCalendarDate(date).weekday <= 5 && !bankHolidays.has(date);
}

/** The calendar date `days` days after (or, when negative, before) the date. */
export function addDays(date: string, days: number): string {
  return parseCalendarDate(date).plus({ days }).toISODate() as string;
}

/** The date itself when it is a working day, otherwise the nearest working day before it. */
export function previousWorkingDayOnOrBefore(
  date: string,
  bankHolidays: ReadonlySet<string>,
): string {
  let candidate = date;
  while (!isWorkingDay(candidate, bankHolidays)) candidate = addDays(candidate, -1);
  return candidate;
}

/** The first working day strictly after the date. */
export function nextWorkingDayAfter(date: string, bankHolidays: ReadonlySet<string>): string {
  let candidate = addDays(date, 1);
  while (!isWorkingDay(candidate, bankHolidays)) candidate = addDays(candidate, 1);
  return candidate;
}
