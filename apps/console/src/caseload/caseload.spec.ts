import { type ApiRelease, caseloadRows } from './caseload';

const SETTLED: ApiRelease = {
  prisonNumber: 'A1000AA',
  establishment: 'LEI',
  releaseDate: '2026-12-20',
  status: 'RELEASE_PLANNED',
  steps: { sixWeeks: 'SENT', twoDays: 'PENDING', dayOfRelease: 'PENDING' },
  naloxone: 'ISSUED',
  ostPlan: 'NOT_NEEDED',
  recipientsForArea: 1,
  noticeDelivery: 'DELIVERED',
  risks: [],
};

describe('the caseload (CSL-6)', () => {
  it('puts releases at risk first, then by release date, with the risks in words', () => {
    const rows = caseloadRows(
      [
        { ...SETTLED, prisonNumber: 'A1000AA', releaseDate: '2026-12-05' },
        {
          ...SETTLED,
          prisonNumber: 'B2000BB',
          releaseDate: '2026-12-30',
          risks: ['OST_WITHOUT_PLAN'],
        },
        {
          ...SETTLED,
          prisonNumber: 'C3000CC',
          releaseDate: '2026-12-04',
          naloxone: 'MISSING',
          risks: ['NALOXONE_MISSING'],
        },
      ],
      '2026-12-03',
    );
    expect(rows.map((r) => [r.prisonNumber, r.atRisk, r.daysToRelease])).toEqual([
      ['C3000CC', true, 1],
      ['B2000BB', true, 27],
      ['A1000AA', false, 2],
    ]);
    expect(rows[0]?.risks).toEqual(['no naloxone outcome, release in 2 days or less']);
    expect(rows[0]?.steps.find((s) => s.name === 'Naloxone')).toEqual({
      name: 'Naloxone',
      state: 'missing',
      tag: 'MISSING',
    });
  });
});
