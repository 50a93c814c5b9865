import { MAX_EVENT_BYTES, TRANSIENT_RETRY_DELAYS_MS, unreadableReason } from './raw-event-bounds';

describe(unreadableReason.name, () => {
  it('reads a small, shallow JSON value', () => {
    expect(unreadableReason('{"specversion":"1.0","data":{"a":[1,2]}}')).toBeNull();
  });

  it.each([
    ['not JSON', 'not json{', 'value is not valid JSON'],
    ['too deep', `{"data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, 'nesting deeper'],
    ['a prototype key', '{"data":{"constructor":{"prototype":{}}}}', 'data.constructor'],
    ['too big', `{"data":"${'x'.repeat(MAX_EVENT_BYTES)}"}`, 'bytes, more than'],
  ])('refuses a value that is %s', (_case, value, reason) => {
    expect(unreadableReason(value)).toContain(reason);
  });

  it('keeps in-process retries of a transient failure to about two seconds', () => {
    const total = TRANSIENT_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeLessThanOrEqual(2_500);
  });
});
