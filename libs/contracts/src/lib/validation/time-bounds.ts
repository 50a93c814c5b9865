// Bounds on every instant and date a DTO carries (docs/security/input-bounds.md BND-4, BND-5).
// A bogus 1900 reception once made every later reception of that person a 409, and 9999-12-31
// was accepted as a discharge: a time is checked against the hub's clock, not only its format.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Nothing the hub handles happened before this, and nothing is planned after `LATEST_EVER`. */
export const EARLIEST_EVER = '2000-01-01T00:00:00Z';
export const LATEST_EVER = '2100-01-01T00:00:00Z';

/** How far a reported time may run ahead of the hub's clock: the sender's clock may be fast. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;
/** A planned date (release, appointment, expiry) may lie this far back: recorded late. */
export const PLANNED_PAST_MS = 366 * DAY_MS;
/** ... and this far ahead (a long determinate sentence's release date). */
export const PLANNED_AHEAD_YEARS = 25;

export interface TimeBound {
  readonly name: 'happened' | 'planned' | 'any';
  /** Said in error messages and in OpenAPI / AsyncAPI descriptions. */
  readonly description: string;
  /** The window relative to the hub's "now"; absent: only the fixed 2000..2100 window. */
  window?(now: Date): { earliest: Date; latest: Date };
}

/** Something that already happened: a reception, a record, a decision. */
export const HAPPENED: TimeBound = {
  name: 'happened',
  description: `not before ${EARLIEST_EVER.slice(0, 10)} and not more than 5 minutes after the hub's clock`,
  window: (now) => ({
    earliest: new Date(EARLIEST_EVER),
    latest: new Date(now.getTime() + CLOCK_SKEW_MS),
  }),
};

/** A date or time planned ahead: a release date, an appointment, an expiry, a due time. */
export const PLANNED: TimeBound = {
  name: 'planned',
  description: `not more than 366 days before the hub's clock and not more than ${PLANNED_AHEAD_YEARS} years after it`,
  window: (now) => {
    const latest = new Date(now.getTime());
    latest.setUTCFullYear(latest.getUTCFullYear() + PLANNED_AHEAD_YEARS);
    return { earliest: new Date(now.getTime() - PLANNED_PAST_MS), latest };
  },
};

/** A filter in a query: any time the hub could hold. */
export const ANY_TIME: TimeBound = {
  name: 'any',
  description: `from ${EARLIEST_EVER.slice(0, 10)} up to (not including) ${LATEST_EVER.slice(0, 10)}`,
};

let validationNow: Date | undefined;

/**
 * Runs a synchronous validation with `now` as the hub's clock for the bounds that depend on it.
 * class-validator gives a decorator no per-call context, and validateSync cannot interleave
 * with another call, so the value is set for exactly the duration of `validate`.
 */
export function withValidationNow<T>(now: Date | undefined, validate: () => T): T {
  const previous = validationNow;
  validationNow = now;
  try {
    return validate();
  } finally {
    validationNow = previous;
  }
}

/**
 * Whether `epochMs` lies within `bound`. Always within 2000..2100; within the window relative to
 * now as well when a clock was given (HTTP bodies and the intake topics: the hub's edge).
 */
export function isWithinTimeBound(epochMs: number, bound: TimeBound, granularity = 1): boolean {
  if (epochMs < Date.parse(EARLIEST_EVER) || epochMs >= Date.parse(LATEST_EVER)) return false;
  if (!validationNow || !bound.window) return true;
  const { earliest, latest } = bound.window(validationNow);
  // A calendar date is a whole day: it is in the window if any part of that day is.
  return epochMs + granularity > earliest.getTime() && epochMs <= latest.getTime();
}

export function timeBoundMessage(property: string, kind: string, bound: TimeBound): string {
  const window = validationNow && bound.window?.(validationNow);
  const concrete = window
    ? ` (from ${window.earliest.toISOString()} to ${window.latest.toISOString()})`
    : '';
  return `${property} must be ${kind}, ${bound.description}${concrete}`;
}

export const CALENDAR_DAY_MS = DAY_MS;
