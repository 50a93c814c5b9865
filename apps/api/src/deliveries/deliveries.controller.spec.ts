import { listErrors } from './deliveries.controller';

describe(listErrors.name, () => {
  it('accepts a window whose end is after its start, and no cursor', () => {
    expect(
      listErrors({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }, undefined),
    ).toEqual([]);
  });

  it.each([
    ['equal', '2026-11-01T00:00:00Z'],
    ['earlier', '2026-10-31T23:59:59Z'],
  ])('refuses a `to` %s to `from`', (_case, to) => {
    expect(listErrors({ from: '2026-11-01T00:00:00Z', to }, undefined)).toEqual([
      { field: 'to', messages: ['to must be after from'] },
    ]);
  });

  it('refuses a cursor that did not decode', () => {
    expect(listErrors({ cursor: 'abc' }, null)).toEqual([
      { field: 'cursor', messages: ['cursor must be a nextCursor the API returned'] },
    ]);
  });
});
