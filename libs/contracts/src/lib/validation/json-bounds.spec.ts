import { JSON_BOUNDS, checkJsonBounds } from './json-bounds';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

describe(checkJsonBounds.name, () => {
  it('accepts a body within every bound', () => {
    expect(checkJsonBounds({ a: [1, { b: 'x' }], c: null })).toBeNull();
    expect(checkJsonBounds(nested(JSON_BOUNDS.maxDepth))).toBeNull();
  });

  it('refuses nesting one level deeper than the bound, naming where', () => {
    const error = checkJsonBounds(nested(JSON_BOUNDS.maxDepth + 1));
    expect(error?.messages).toEqual([`nesting deeper than ${JSON_BOUNDS.maxDepth} levels`]);
    expect(error?.field.split('.')).toHaveLength(JSON_BOUNDS.maxDepth);
  });

  it('refuses 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    expect(checkJsonBounds(deep)?.messages[0]).toMatch(/nesting deeper/);
    const arrays = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(checkJsonBounds(arrays)?.field).toMatch(/^0(\.0)+$/);
  });

  it('refuses arrays and objects that are too large', () => {
    expect(checkJsonBounds({ list: new Array(1001).fill(0) })).toEqual({
      field: 'list',
      messages: ['more than 1000 items'],
    });
    const wide = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
    expect(checkJsonBounds({ wide })?.messages).toEqual(['more than 64 properties']);
  });

  it.each([
    ['__proto__', '{"__proto__":{"polluted":true}}', '__proto__'],
    ['constructor', '{"constructor":{"prototype":{"x":1}}}', 'constructor'],
    ['prototype', '{"a":{"prototype":1}}', 'a.prototype'],
    ['a nested constructor', '{"a":[{"b":{"constructor":{}}}]}', 'a.0.b.constructor'],
  ])('refuses a %s key at any level', (_name, json, field) => {
    const error = checkJsonBounds(JSON.parse(json));
    expect(error?.field).toBe(field);
    expect(error?.messages[0]).toMatch(/should not exist/);
  });

  it('does not mistake a value named like a prototype key for a key', () => {
    expect(checkJsonBounds({ name: 'constructor', list: ['__proto__'] })).toBeNull();
  });
});
