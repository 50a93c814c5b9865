import { parseRetrySchedule, retryDelay } from './retry-schedule';

describe(parseRetrySchedule.name, () => {
  it('reads the default Svix-like schedule, which spans more than 24 hours', () => {
    const schedule = parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h');
    expect(schedule).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(schedule.reduce((a, b) => a + b, 0)).toBeGreaterThan(24 * 3_600_000);
  });

  it('refuses a step without a unit', () => {
    expect(() => parseRetrySchedule('5s,10')).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });
});

describe(retryDelay.name, () => {
  it('adds at most 20% jitter to the scheduled delay', () => {
    expect(retryDelay([1000, 2000], 2, () => 0)).toBe(2000);
    expect(retryDelay([1000, 2000], 2, () => 1)).toBe(2400);
  });
});
