import { canonicalJson, requestHash } from './request-hash';

describe(requestHash.name, () => {
  it('ignores key order and undefined fields', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' }, e: undefined })).toBe(
      requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: [1, 2] }, { a: [2, 1] }],
    [{ a: true }, { a: 'true' }],
    [{ a: null }, {}],
  ])('tells %j from %j', (one, other) => {
    expect(requestHash(one)).not.toBe(requestHash(other));
  });

  it('is a SHA-256 in hex', () => {
    expect(requestHash({})).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(canonicalJson.name, () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ z: { y: 1, x: 2 }, a: [{ d: 1, c: 2 }] })).toBe(
      '{"a":[{"c":2,"d":1}],"z":{"x":2,"y":1}}',
    );
  });
});
