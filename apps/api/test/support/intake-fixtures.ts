import { DateTime } from 'luxon';

/** A calendar date `days` from today in Europe/London. */
export function dateFromToday(days: number): string {
  return DateTime.now().setZone('Europe/London').plus({ days }).toISODate() as string;
}

/** An instant `hours` ago, for events that happened at the prison. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString();
}
