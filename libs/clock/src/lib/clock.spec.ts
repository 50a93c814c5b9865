import { AdjustableClock, ManualClock, SimulatedClock, SystemClock, createClock } from './clock';

describe(SimulatedClock.name, () => {
  it('runs from its start instant at the given speed, measured from the shared anchor', () => {
    let real = Date.parse('2026-11-22T10:00:00Z');
    const sut = new SimulatedClock(
      new Date('2026-11-02T08:00:00Z'),
      3600,
      new Date('2026-11-22T10:00:00Z'),
      () => real,
    );
    real += 1000; // one real second is one simulated hour
    expect(sut.now().toISOString()).toBe('2026-11-02T09:00:00.000Z');
  });

  it('tells how many real milliseconds remain until a simulated instant', () => {
    const real = Date.parse('2026-11-22T10:00:00Z');
    const sut = new SimulatedClock(
      new Date('2026-11-02T08:00:00Z'),
      60,
      new Date(real),
      () => real,
    );
    expect(sut.realMsUntil(new Date('2026-11-02T08:01:00Z'))).toBe(1000);
    expect(sut.realMsUntil(new Date('2026-11-01T08:00:00Z'))).toBe(0);
  });
});

describe(createClock.name, () => {
  it('gives the system clock unless a simulated start is configured', () => {
    expect(createClock({})).toBeInstanceOf(SystemClock);
    expect(createClock({ simulatedStart: new Date() })).toBeInstanceOf(SimulatedClock);
  });
});

describe(ManualClock.name, () => {
  it('moves only when told', () => {
    const sut = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    sut.advance(60_000);
    expect(sut.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });
});

describe(AdjustableClock.name, () => {
  it('keeps running after a jump, and says how long a timer must wait', () => {
    let real = 1_000;
    const sut = new AdjustableClock(new Date('2026-11-06T08:00:00Z'), 1, () => real);
    sut.jumpTo(new Date('2026-11-06T08:59:58Z'));
    real += 500;
    expect(sut.now().toISOString()).toBe('2026-11-06T08:59:58.500Z');
    expect(sut.realMsUntil(new Date('2026-11-06T09:00:00Z'))).toBe(1_500);
  });
});
