import { registerDecorator, type ValidationOptions } from 'class-validator';

import {
  CALENDAR_DAY_MS,
  isWithinTimeBound,
  timeBoundMessage,
  type TimeBound,
} from './time-bounds';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A calendar date within `bound` (docs/security/input-bounds.md): see time-bounds.ts. */
export function IsCalendarDate(bound: TimeBound, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [bound],
      options: {
        message: (args) => timeBoundMessage(args.property, 'a calendar date (YYYY-MM-DD)', bound),
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) &&
          isWithinTimeBound(Date.parse(`${value}T00:00:00Z`), bound, CALENDAR_DAY_MS),
      },
    });
}
