import { expiryErrors } from './consent.controller';

describe(expiryErrors.name, () => {
  const recordedAt = '2026-11-03T10:00:00Z';

  it.each([
    ['no expiry', undefined, []],
    ['an expiry after the recording', '2026-11-03T10:00:01Z', []],
    ['an expiry in another offset but later', '2026-11-03T11:30:00+01:00', []],
  ])('accepts %s', (_case, expiresAt, expected) => {
    expect(expiryErrors({ recordedAt, expiresAt })).toEqual(expected);
  });

  it.each([
    ['at the same instant', '2026-11-03T10:00:00Z'],
    ['at the same instant in another offset', '2026-11-03T11:00:00+01:00'],
    ['before', '2026-11-02T10:00:00Z'],
  ])('refuses an expiry %s, naming expiresAt', (_case, expiresAt) => {
    expect(expiryErrors({ recordedAt, expiresAt })).toEqual([
      { field: 'expiresAt', messages: ['expiresAt must be after recordedAt'] },
    ]);
  });
});
