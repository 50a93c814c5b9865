import { DateTime } from 'luxon';

/** A calendar date (YYYY-MM-DD) is a working day unless it is a weekend or a bank holiday. */
export function isWorkingDay(date: string, bankHolidays: ReadonlySet<string>): boolean {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return day.weekday <= 5 && !bankHolidays.has(date);
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
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
