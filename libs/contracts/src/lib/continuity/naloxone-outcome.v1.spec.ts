import 'reflect-metadata';

import { validatePayload } from '../validation/validate-payload';
import { NaloxoneOutcomeV1 } from './naloxone-outcome.v1';

const RECORDED = { recordedBy: 'j.smith', recordedAt: '2026-12-15T11:00:00Z' };

function fieldsRefused(input: object): string[] {
  const result = validatePayload(NaloxoneOutcomeV1, input);
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe(NaloxoneOutcomeV1.name, () => {
  it.each([
    ['issued with training (NAL-01)', { outcome: 'ISSUED', trainingGiven: true }],
    ['declined', { outcome: 'DECLINED' }],
    ['declined after training', { outcome: 'DECLINED', trainingGiven: true }],
    [
      'not eligible, with the reason',
      { outcome: 'NOT_ELIGIBLE', reason: 'No history of opiate use' },
    ],
  ])('accepts %s', (_, input) => {
    expect(fieldsRefused({ ...input, ...RECORDED })).toEqual([]);
  });

  it.each([
    [
      'issued without training (NAL-01)',
      { outcome: 'ISSUED', trainingGiven: false },
      ['trainingGiven'],
    ],
    ['issued without saying whether training was given', { outcome: 'ISSUED' }, ['trainingGiven']],
    ['not eligible without a reason', { outcome: 'NOT_ELIGIBLE' }, ['reason']],
    ['an unknown outcome', { outcome: 'LOST' }, ['outcome']],
    [
      'a trainingGiven that is not a boolean',
      { outcome: 'DECLINED', trainingGiven: 'yes' },
      ['trainingGiven'],
    ],
  ])('refuses %s', (_, input, fields) => {
    expect(fieldsRefused({ ...input, ...RECORDED })).toEqual(fields);
  });

  it('needs when it was recorded; who is optional', () => {
    expect(fieldsRefused({ outcome: 'DECLINED' })).toEqual(['recordedAt']);
  });

  it("accepts docs/hub-interface.md §6's example exactly as written", () => {
    expect(
      fieldsRefused({ outcome: 'ISSUED', trainingGiven: true, recordedAt: '2026-12-15T11:00:00Z' }),
    ).toEqual([]);
  });
});
