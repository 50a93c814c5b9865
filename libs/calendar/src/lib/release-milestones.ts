import { DateTime } from 'luxon';

import { bankHolidaySet } from './bank-holidays';
import {
  addDays,
  isCalendarDate,
  isWorkingDay,
  nextWorkingDayAfter,
  previousWorkingDayOnOrBefore,
} from './working-days';

export type MilestoneKind = 'SIX_WEEKS' | 'TWO_DAYS' | 'DAY_OF_RELEASE';

export interface MilestoneSettings {
  /** Local time of day the notices go out, HH:mm (docs/hub-interface.md §4: 09:00 by default). */
  localTime: string;
  /** IANA zone the local time and "today" are read in (Europe/London by default). */
  zone: string;
  bankHolidays: ReadonlySet<string>;
}

/** docs/hub-interface.md §4: 09:00 Europe/London, England and Wales bank holidays as shipped. */
export const DEFAULT_MILESTONE_SETTINGS: MilestoneSettings = {
  localTime: '09:00',
  zone: 'Europe/London',
  bankHolidays: bankHolidaySet(),
};

export interface Milestone {
  kind: MilestoneKind;
  /** The working day the notice goes out on. */
  date: string;
  dueAt: Date;
}

export type PlannedMilestone = Milestone & {
  /** Already due when the release was planned (dueAt <= now): it goes out at once, once. */
  shortNotice: boolean;
};

export type MilestonePlan =
  | { kind: 'REFUSED'; reason: string }
  | {
      kind: 'PLANNED';
      /** The release is on a Friday or the day before a bank holiday (see isFridayOrPreHoliday). */
      fridayOrPreHoliday: boolean;
      milestones: PlannedMilestone[];
    };

// TIM-01: notify community services 6 weeks before, 2 days before and on the day.
const DAYS_BEFORE_RELEASE: Record<MilestoneKind, number> = {
  SIX_WEEKS: 42,
  TWO_DAYS: 2,
  DAY_OF_RELEASE: 0,
};

/**
 * The three notice milestones for a release date, each on a working day at the local time:
 * a milestone whose nominal date is a weekend or a bank holiday moves to the previous working day.
 */
export function releaseMilestones(releaseDate: string, settings: MilestoneSettings): Milestone[] {
  return (Object.keys(DAYS_BEFORE_RELEASE) as MilestoneKind[]).map((kind) => {
    const nominal = addDays(releaseDate, -DAYS_BEFORE_RELEASE[kind]);
    const date = previousWorkingDayOnOrBefore(nominal, settings.bankHolidays);
    return { kind, date, dueAt: localInstant(date, settings.localTime, settings.zone) };
  });
}

/**
 * The milestones of a release being planned at `now` (docs/hub-interface.md §4, TIM-01 to TIM-03).
 *
 * - A release date that is not a calendar date, or is before today's date in `settings.zone` at
 *   `now`, is REFUSED. A release today is planned.
 * - Each milestone already due (`dueAt <= now`) is marked `shortNotice`: the caller sends it at
 *   once. A release tomorrow therefore has its six-week and two-day notices at short notice and
 *   its day-of-release notice on time.
 * - `fridayOrPreHoliday` flags a release whose next day is not a working day; its bridging script
 *   must cover until `bridgingCoverUntil(releaseDate)`.
 *
 * Pure: the caller passes the clock's `now`.
 */
export function planMilestones(
  releaseDate: string,
  now: Date,
  settings: MilestoneSettings,
): MilestonePlan {
  if (!isCalendarDate(releaseDate)) {
    return { kind: 'REFUSED', reason: `releaseDate ${releaseDate} is not a calendar date` };
  }
  if (releaseDate < localDate(now, settings.zone)) {
    return { kind: 'REFUSED', reason: `releaseDate ${releaseDate} is in the past` };
  }
  return {
    kind: 'PLANNED',
    fridayOrPreHoliday: isFridayOrPreHoliday(releaseDate, settings.bankHolidays),
    milestones: releaseMilestones(releaseDate, settings).map((milestone) => ({
      ...milestone,
      shortNotice: milestone.dueAt.getTime() <= now.getTime(),
    })),
  };
}

/**
 * A release whose next day is not a working day (a Friday, or before a bank holiday): pharmacies
 * and community services may be closed when the person arrives (TIM-04).
 */
export function isFridayOrPreHoliday(
  releaseDate: string,
  bankHolidays: ReadonlySet<string>,
): boolean {
  return !isWorkingDay(addDays(releaseDate, 1), bankHolidays);
}

/**
 * The date a release's bridging script (OST supply or FP10/FP10MDA) must cover until: the first
 * working day after the release date, when a community prescriber or pharmacy can take over
 * (docs/hub-interface.md §4; OST-02, OST-03 and TIM-04). The 24 hours covered by the dose taken
 * before leaving do not bridge a weekend or a bank holiday:
 *
 * - a Wednesday release: the Thursday;
 * - a Friday release: the Monday (the Tuesday when that Monday is a bank holiday);
 * - Christmas Eve 2026, a Thursday: Tuesday 29 December (Christmas Day and the Boxing Day
 *   substitute, Monday 28th, are bank holidays).
 *
 * The script covers every day before that date; the person collects or is seen on that date.
 */
export function bridgingCoverUntil(releaseDate: string, bankHolidays: ReadonlySet<string>): string {
  return nextWorkingDayAfter(releaseDate, bankHolidays);
}

/**
 * The UTC instant of a wall-clock time (HH:mm) on a date in a zone, by the zone's rules on that
 * date (GMT or BST for Europe/London), never the host's zone.
 *
 * Clock changes, as luxon resolves them: a time in the hour skipped when the clocks go forward
 * (01:00-01:59 in London on the last Sunday of March) is moved forward by an hour, so 01:30 becomes
 * 02:30 BST (01:30Z); a time in the hour repeated when they go back (01:00-01:59 on the last
 * Sunday of October) is read in the later offset, GMT, so 01:30 is 01:30Z. Neither affects 09:00,
 * and milestones never fall on a Sunday anyway.
 */
export function localInstant(date: string, localTime: string, zone: string): Date {
  const instant = DateTime.fromISO(`${date}T${localTime}`, { zone });
  if (!isCalendarDate(date) || !instant.isValid) {
    throw new Error(`invalid local time ${date}T${localTime} in ${zone}`);
  }
  return instant.toJSDate();
}

/** The calendar date of an instant in a zone (not the host's zone). */
export function localDate(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new Error(`invalid instant or zone ${zone}`);
  return local.toISODate() as string;
}
