import { createDeduplicator } from './deduplicator';

function clock(start = 1_750_000_000_000) {
  let current = start;
  return { now: () => current, advance: (ms: number) => (current += ms) };
}

describe('createDeduplicator', () => {
  it('answers new on first sight and duplicate on the second', () => {
    const dedupe = createDeduplicator({ ttlMs: 60_000, maxEntries: 10 });
    expect(dedupe.isDuplicate('msg_a')).toBe(false);
    expect(dedupe.isDuplicate('msg_a')).toBe(true);
    expect(dedupe.isDuplicate('msg_a')).toBe(true);
    expect(dedupe.isDuplicate('msg_b')).toBe(false);
    expect(dedupe.size).toBe(2);
  });

  it('forgets an id once its TTL has passed', () => {
    const time = clock();
    const dedupe = createDeduplicator({ ttlMs: 60_000, maxEntries: 10, now: time.now });
    dedupe.isDuplicate('msg_a');
    time.advance(59_999);
    expect(dedupe.isDuplicate('msg_a')).toBe(true);
    time.advance(1);
    expect(dedupe.isDuplicate('msg_a')).toBe(false);
    expect(dedupe.isDuplicate('msg_a')).toBe(true);
  });

  it('does not extend the TTL when a duplicate is seen', () => {
    const time = clock();
    const dedupe = createDeduplicator({ ttlMs: 60_000, maxEntries: 10, now: time.now });
    dedupe.isDuplicate('msg_a');
    time.advance(50_000);
    expect(dedupe.isDuplicate('msg_a')).toBe(true);
    time.advance(10_000);
    expect(dedupe.isDuplicate('msg_a')).toBe(false);
  });

  it('sweeps expired ids, so memory follows the TTL', () => {
    const time = clock();
    const dedupe = createDeduplicator({ ttlMs: 1_000, maxEntries: 1_000, now: time.now });
    for (let i = 0; i < 100; i++) dedupe.isDuplicate(`msg_${i}`);
    expect(dedupe.size).toBe(100);
    time.advance(1_000);
    dedupe.isDuplicate('msg_new');
    expect(dedupe.size).toBe(1);
  });

  it('evicts the oldest ids beyond maxEntries', () => {
    const time = clock();
    const dedupe = createDeduplicator({ ttlMs: 60_000, maxEntries: 3, now: time.now });
    for (const id of ['msg_1', 'msg_2', 'msg_3', 'msg_4']) {
      dedupe.isDuplicate(id);
      time.advance(10);
    }
    expect(dedupe.size).toBe(3);
    expect(dedupe.isDuplicate('msg_2')).toBe(true);
    expect(dedupe.isDuplicate('msg_3')).toBe(true);
    expect(dedupe.isDuplicate('msg_4')).toBe(true);
    // msg_1 was evicted: seen as new again (which in turn evicts msg_2).
    expect(dedupe.isDuplicate('msg_1')).toBe(false);
    expect(dedupe.size).toBe(3);
    expect(dedupe.isDuplicate('msg_2')).toBe(false);
  });

  it('forgets an id on request, so that a later replay is processed', () => {
    const dedupe = createDeduplicator({ ttlMs: 60_000, maxEntries: 10 });
    dedupe.isDuplicate('msg_a');
    dedupe.forget('msg_a');
    expect(dedupe.isDuplicate('msg_a')).toBe(false);
  });

  it('has defaults that outlast the retry schedule', () => {
    const time = clock();
    const dedupe = createDeduplicator({ now: time.now });
    dedupe.isDuplicate('msg_a');
    time.advance(48 * 3_600_000);
    expect(dedupe.isDuplicate('msg_a')).toBe(true);
  });

  it('refuses nonsensical bounds', () => {
    expect(() => createDeduplicator({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => createDeduplicator({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => createDeduplicator({ maxEntries: 1.5 })).toThrow(RangeError);
  });
});
