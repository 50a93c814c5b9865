import { DateTime } from 'luxon';

import { addDays, isWorkingDay, previousWorkingDayOnOrBefore } from './working-days';

export type MilestoneKind = 'SIX_WEEKS' | 'TWO_DAYS' | 'DAY_OF_RELEASE';

export interface MilestoneSettings {
  /** Local time of day the notices go out, HH:mm (contract.md §4: 09:00 by default). */
  localTime: string;
  zone: string;
  bankHolidays: ReadonlySet<string>;
}

export interface Milestone {
  kind: MilestoneKind;
  /** The working day the notice goes out on. */
  date: string;
  dueAt: Date;
}

// 001_18802cf5bd444756.txt: notify community services 6 weeks before, 2 days before and on the day.
const DAYS_BEFORE_RELEASE: Record<MilestoneKind, number> = {
  SIX_WEEKS: 42,
  TWO_DAYS: 2,
  DAY_OF_RELEASE: 0,
};

/** The three notice milestones for a release date, each on a working day at the local time. */
export function releaseMilestones(releaseDate: string, settings: MilestoneSettings): Milestone[] {
  return (Object.keys(DAYS_BEFORE_RELEASE) as MilestoneKind[]).map((kind) => {
    const nominal = addDays(releaseDate, -DAYS_BEFORE_RELEASE[kind]);
    const date = previousWorkingDayOnOrBefore(nominal, settings.bankHolidays);
    return { kind, date, dueAt: localInstant(date, settings.localTime, settings.zone) };
  });
}

/** A release whose next day is not a working day (a Friday, or before a bank holiday). */
export function isFridayOrPreHoliday(
  releaseDate: string,
  bankHolidays: ReadonlySet<string>,
): boolean {
  return !isWorkingDay(addDays(releaseDate, 1), bankHolidays);
}

/** The UTC instant of a wall-clock time on a date in a zone (handles BST/GMT changes). */
export function localInstant(date: string, localTime: string, zone: string): Date {
  const instant = DateTime.fromISO(`${date}T${localTime}`, { zone });
  if (!instant.isValid) throw new Error(`invalid local time ${date}T${localTime} in ${zone}`);
  return instant.toJSDate();
}

/** The calendar date of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}
