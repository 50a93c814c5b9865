import { isCalendarDate } from './working-days';

// England and Wales bank holidays, as published by GOV.UK. Shipped as data so the hub works
// offline; replace with BANK_HOLIDAYS_FILE (a JSON array of YYYY-MM-DD) when new years are announced.
// Checked in bank-holidays.spec.ts against the rules: New Year's Day, Good Friday, Easter Monday,
// the first and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day,
// with substitute weekdays. One-off holidays (a coronation, a jubilee) are not derivable: when the
// government announces one, add it here and to the spec's list of special days.
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = [
  // 2025
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  // 2026
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  // 2027 (Christmas falls on a Saturday: substitute days on the 27th and 28th)
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  // 2028 (New Year's Day falls on a Saturday: substitute day on 3 January)
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
];

export function bankHolidaySet(
  dates: readonly string[] = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): ReadonlySet<string> {
  return new Set(dates);
}

/** A configured bank-holiday list: an array of real calendar dates, YYYY-MM-DD. */
export function isCalendarDateList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isCalendarDate);
}
