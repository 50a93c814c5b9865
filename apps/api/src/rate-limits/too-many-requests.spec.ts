import { TooManyRequests, retryAfterSeconds, tooManyRequestsProblem } from './too-many-requests';

describe(retryAfterSeconds.name, () => {
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [299_500, 300],
  ])('%i ms before the next request is allowed: Retry-After %i', (ms, seconds) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
  });
});

describe(tooManyRequestsProblem.name, () => {
  it('is a 429 problem that names which limit, never the key or address', () => {
    for (const limit of ['key', 'address', 'failed_auth'] as const) {
      const body = tooManyRequestsProblem({ limit, retryAfterSeconds: 30 });
      expect(body).toMatchObject({
        type: 'https://throughcare-hub.example/problems/rate-limited',
        title: 'Too many requests',
        status: 429,
      });
      expect(body.detail).toContain('Retry-After');
    }
    expect(new TooManyRequests({ limit: 'key', retryAfterSeconds: 1 }).getStatus()).toBe(429);
  });
});
