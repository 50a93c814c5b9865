import { DateTime } from 'luxon';

const ZONE = 'Europe/London';

/**
 * A person sent to court who has not come back by the end of that day (London time) was
 * released from court (HMPPS-11): the prison's day is a calendar day in England, whatever the
 * offset of the instant HMPPS wrote.
 */
export function courtReleaseDue(sentAt: Date, now: Date): boolean {
  const endOfDay = DateTime.fromJSDate(sentAt, { zone: ZONE }).endOf('day');
  return now.getTime() > endOfDay.toMillis();
}
