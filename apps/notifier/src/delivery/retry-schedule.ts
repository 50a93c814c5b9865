const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** Parses `5s,5m,30m` into milliseconds. */
export function parseRetrySchedule(schedule: string): number[] {
  return schedule.split(',').map((step) => {
    const match = /^(\d+)(ms|s|m|h)$/.exec(step.trim());
    if (!match) throw new Error(`WEBHOOK_RETRY_SCHEDULE: bad step ${JSON.stringify(step)}`);
    return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  });
}

/**
 * Delay before retry number `attemptsMade` (1-based), with up to 20% random jitter so that many
 * deliveries failing together do not retry in lockstep (as Svix does).
 */
export function retryDelay(
  schedule: readonly number[],
  attemptsMade: number,
  random: () => number = Math.random,
): number {
  const base = schedule[Math.min(attemptsMade, schedule.length) - 1] ?? 0;
  return Math.round(base * (1 + 0.2 * random()));
}
