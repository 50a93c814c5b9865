import { urgentContinuityNeed, type ContinuityNeedFacts } from './urgent-continuity-need';

const NOTHING: ContinuityNeedFacts = {
  releaseClinical: null,
  atReception: null,
  ostPlan: null,
  bridgingRequest: null,
};

describe('urgentContinuityNeed (DIS-10)', () => {
  it.each<[string, Partial<ContinuityNeedFacts>, boolean | null]>([
    ['nothing known', {}, null],
    [
      'on OST at reception, no release planned',
      { atReception: { onOst: true, opiateUse: false } },
      true,
    ],
    ['opiate use at reception', { atReception: { onOst: false, opiateUse: true } }, true],
    ['an OST plan on record', { ostPlan: { arrangement: 'BRIDGING_SCRIPT' } }, true],
    [
      'an urgent bridging request opened the same minute',
      { bridgingRequest: { status: 'OPEN' } },
      true,
    ],
    ['a cancelled request says nothing', { bridgingRequest: { status: 'CANCELLED' } }, null],
    [
      'the planned release on OST',
      { releaseClinical: { onOst: true, opiateHistory: false } },
      true,
    ],
    ['a reception saying neither', { atReception: { onOst: false, opiateUse: false } }, false],
    [
      'a planned release saying neither, whatever the reception said',
      {
        releaseClinical: { onOst: false, opiateHistory: false },
        atReception: { onOst: true, opiateUse: true },
      },
      true,
    ],
  ])('%s', (_case, facts, expected) => {
    expect(urgentContinuityNeed({ ...NOTHING, ...facts })).toBe(expected);
  });
});
