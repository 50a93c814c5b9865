import { decodeCursor, encodeCursor } from './delivery-cursor';

describe(encodeCursor.name, () => {
  it('round-trips through decodeCursor, as URL-safe text', () => {
    const cursor = {
      createdAt: new Date('2026-11-05T09:00:00.123Z'),
      deliveryId: 'msg_0123456789abcdef0123456789abcdef',
    };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });
});

describe(decodeCursor.name, () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['not base64 JSON', 'bm90IGpzb24'],
    ['an object', encode({ createdAt: '2026-11-05T09:00:00.000Z', deliveryId: 'msg_1' })],
    ['a bad instant', encode(['2026-13-45T09:00:00.000Z', 'msg_1'])],
    ['an instant not in the API form', encode(['2026-11-05T09:00:00Z', 'msg_1'])],
    ['an empty delivery id', encode(['2026-11-05T09:00:00.000Z', ''])],
    ['a number for the id', encode(['2026-11-05T09:00:00.000Z', 7])],
  ])('refuses %s', (_case, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
