import { registerDecorator, type ValidationOptions } from 'class-validator';

import { isCalendarDate } from './calendar-date.decorator';
import { isWithinTimeBound, timeBoundMessage, type TimeBound } from './time-bounds';

// An instant must carry its offset (Z or ±hh:mm) so it cannot be read in the wrong zone.
const INSTANT =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date-time with an offset, naming a real day (any year). */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  // Date.parse would roll 2026-02-30 over to March: check the date part on its own.
  return isCalendarDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

/** An instant within `bound` (docs/security/input-bounds.md): see time-bounds.ts. */
export function IsInstant(bound: TimeBound, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [bound],
      options: {
        message: (args) =>
          timeBoundMessage(
            args.property,
            'an ISO 8601 date-time with an offset (e.g. 2026-11-02T14:05:00Z)',
            bound,
          ),
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isInstant(value) && isWithinTimeBound(Date.parse(value), bound),
      },
    });
}
