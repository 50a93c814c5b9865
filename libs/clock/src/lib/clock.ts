/** The hub's one source of "now" (docs/hub-interface.md §5). Inject it; never call `new Date()` for domain time. */
export interface Clock {
  now(): Date;
  /** Real milliseconds until the clock reads `instant` (0 if it already has): timers need real delays. */
  realMsUntil(instant: Date): number;
}

/** DI token for the Clock, usable from Nest modules without this lib depending on Nest. */
export const CLOCK = Symbol('Clock');

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  realMsUntil(instant: Date): number {
    return Math.max(0, instant.getTime() - Date.now());
  }
}

/**
 * Plays time faster than real time so a demo or drill can run six weeks in minutes.
 * `anchor` is the real instant that corresponds to `start`; every process of one hub is given
 * the same anchor, so their clocks agree.
 */
export class SimulatedClock implements Clock {
  constructor(
    private readonly start: Date,
    private readonly speed: number,
    private readonly anchor: Date,
    private readonly realNow: () => number = Date.now,
  ) {}

  now(): Date {
    const elapsedRealMs = this.realNow() - this.anchor.getTime();
    return new Date(this.start.getTime() + elapsedRealMs * this.speed);
  }

  realMsUntil(instant: Date): number {
    return Math.max(0, (instant.getTime() - this.now().getTime()) / this.speed);
  }
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  /** A manual clock never moves by itself: a timer for a later instant waits for `advance`. */
  realMsUntil(instant: Date): number {
    return instant.getTime() <= this.current.getTime() ? 0 : Number.MAX_SAFE_INTEGER;
  }

  set(instant: Date): void {
    this.current = new Date(instant.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface ClockSettings {
  simulatedStart?: Date;
  simulatedSpeed?: number;
  simulatedAnchor?: Date;
}

export function createClock(settings: ClockSettings): Clock {
  if (!settings.simulatedStart) return new SystemClock();
  return new SimulatedClock(
    settings.simulatedStart,
    settings.simulatedSpeed ?? 1,
    settings.simulatedAnchor ?? new Date(),
  );
}

/**
 * Runs like a real clock (at `speed`) but can be set to any instant, for drills and timer tests:
 * jump to a minute before a milestone and watch its real timer fire.
 */
export class AdjustableClock implements Clock {
  private base: number;
  private anchor: number;

  constructor(
    start: Date,
    private readonly speed = 1,
    private readonly realNow: () => number = Date.now,
  ) {
    this.base = start.getTime();
    this.anchor = realNow();
  }

  now(): Date {
    return new Date(this.base + (this.realNow() - this.anchor) * this.speed);
  }

  realMsUntil(instant: Date): number {
    return Math.max(0, (instant.getTime() - this.now().getTime()) / this.speed);
  }

  jumpTo(instant: Date): void {
    this.base = instant.getTime();
    this.anchor = this.realNow();
  }
}
