import { plannedReleaseOf, receptionTypeOf, type SearchPrisoner } from './planned-release';

const base: SearchPrisoner = {
  prisonerNumber: 'A1234BC',
  prisonId: 'MDI',
  legalStatus: 'SENTENCED',
};

describe(plannedReleaseOf.name, () => {
  it.each([
    [
      { releaseDate: '2026-05-01', conditionalReleaseDate: '2026-05-01' },
      '2026-05-01',
      'CONDITIONAL_RELEASE',
    ],
    [
      { releaseDate: '2026-05-01', automaticReleaseDate: '2026-05-01' },
      '2026-05-01',
      'AUTOMATIC_RELEASE',
    ],
    [
      { releaseDate: '2026-05-01', postRecallReleaseDate: '2026-05-01', recall: true },
      '2026-05-01',
      'CONDITIONAL_RELEASE',
    ],
    [
      {
        releaseDate: '2026-05-01',
        homeDetentionCurfewActualDate: '2026-05-01',
        conditionalReleaseDate: '2026-06-01',
      },
      '2026-05-01',
      'HOME_DETENTION_CURFEW',
    ],
    [{ releaseDate: '2026-05-01', actualParoleDate: '2026-05-01' }, '2026-05-01', 'PAROLE'],
    [
      { releaseDate: '2026-05-01', sentenceExpiryDate: '2026-05-01' },
      '2026-05-01',
      'SENTENCE_EXPIRY',
    ],
    [
      {
        confirmedReleaseDate: '2026-04-28',
        releaseDate: '2026-05-01',
        conditionalReleaseDate: '2026-04-28',
      },
      '2026-04-28',
      'CONDITIONAL_RELEASE',
    ],
    [{ releaseDate: '2026-05-01' }, '2026-05-01', 'AUTOMATIC_RELEASE'],
    [{ releaseDate: '2026-05-01', legalStatus: 'REMAND' }, '2026-05-01', 'REMAND_RELEASE'],
  ])('%j is %s, %s', (dates, releaseDate, releaseType) => {
    expect(plannedReleaseOf({ ...base, ...dates })).toMatchObject({ releaseDate, releaseType });
  });

  it.each([[{}], [{ releaseDate: '01/05/2026' }], [{ conditionalReleaseDate: '2026-05-01' }]])(
    'has no planned release for %j',
    (dates) => {
      expect(plannedReleaseOf({ ...base, ...dates })).toBeUndefined();
    },
  );

  it.each([
    ['2026-11-01', true],
    ['2026-05-01', false],
    [undefined, false],
  ])('licence expiring %s means on licence: %s', (licenceExpiryDate, onLicence) => {
    const sut = plannedReleaseOf({ ...base, releaseDate: '2026-05-01', licenceExpiryDate });

    expect(sut?.onLicence).toBe(onLicence);
  });
});

describe(receptionTypeOf.name, () => {
  it.each([
    ['SENTENCED', undefined, 'SENTENCED'],
    ['INDETERMINATE_SENTENCE', undefined, 'SENTENCED'],
    ['RECALL', undefined, 'RECALL'],
    ['SENTENCED', true, 'RECALL'],
    ['REMAND', undefined, 'REMAND'],
    ['CONVICTED_UNSENTENCED', undefined, 'REMAND'],
    [undefined, undefined, 'REMAND'],
  ])('legalStatus %s, recall %s is %s', (legalStatus, recall, expected) => {
    expect(receptionTypeOf({ prisonerNumber: 'A1234BC', legalStatus, recall })).toBe(expected);
  });

  it('is REMAND when Prisoner Search has nothing', () => {
    expect(receptionTypeOf(undefined)).toBe('REMAND');
  });
});
