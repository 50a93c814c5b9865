import { DateTime } from 'luxon';

import { isWorkingDay, nextWorkingDayAfter } from './working-days';

/** The working day's hours in a zone, e.g. 09:00 to 17:00 Europe/London on working days. */
export interface WorkingHours {
  /** HH:mm, local. */
  start: string;
  /** HH:mm, local; `24:00` for the end of the day. */
  end: string;
  zone: string;
  bankHolidays: ReadonlySet<string>;
}

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Parses `09:00-17:00` into start and end, or throws naming what is wrong. */
export function parseWorkingHours(value: string): { start: string; end: string } {
  const [start, end] = value.split('-');
  if (
    !start ||
    !end ||
    !HH_MM.test(start) ||
    !HH_MM.test(end) ||
    minutesOf(start) >= minutesOf(end)
  )
    throw new RangeError(`working hours must look like 09:00-17:00, start before end: ${value}`);
  return { start, end };
}

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

function at(date: string, hhmm: string, zone: string): number {
  return DateTime.fromISO(date, { zone })
    .plus({ minutes: minutesOf(hhmm) })
    .toMillis();
}

/**
 * The instant `ms` of working time after `from`: time counts only between the start and end of
 * working days (weekends and bank holidays do not count), so an unplanned release at 16:30 on a
 * Friday with one working hour to answer is due at 09:30 on Monday.
 */
export function addWorkingTime(from: Date, ms: number, hours: WorkingHours): Date {
  let cursor = from.getTime();
  let remaining = ms;
  let date = DateTime.fromMillis(cursor, { zone: hours.zone }).toISODate() as string;
  for (;;) {
    if (isWorkingDay(date, hours.bankHolidays)) {
      const opens = at(date, hours.start, hours.zone);
      const closes = at(date, hours.end, hours.zone);
      cursor = Math.max(cursor, opens);
      if (cursor < closes) {
        if (cursor + remaining <= closes) return new Date(cursor + remaining);
        remaining -= closes - cursor;
      }
    }
    date = nextWorkingDayAfter(date, hours.bankHolidays);
    cursor = at(date, hours.start, hours.zone);
  }
}
