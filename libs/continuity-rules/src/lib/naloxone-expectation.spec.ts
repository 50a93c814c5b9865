import { DEFAULT_MILESTONE_SETTINGS } from '@throughcare/calendar';
import type { NaloxoneOutcomeV1 } from '@throughcare/contracts';

import {
  checkNaloxone,
  naloxoneExpected,
  naloxoneOnNotice,
  type NaloxoneCheckQuestion,
} from './naloxone-expectation';

const RECORDED = { recordedBy: 'j.smith', recordedAt: '2026-12-15T11:00:00Z' };
const ISSUED: NaloxoneOutcomeV1 = { outcome: 'ISSUED', trainingGiven: true, ...RECORDED };
const DECLINED: NaloxoneOutcomeV1 = { outcome: 'DECLINED', ...RECORDED };
const NOT_ELIGIBLE: NaloxoneOutcomeV1 = {
  outcome: 'NOT_ELIGIBLE',
  reason: 'Allergy recorded',
  ...RECORDED,
};

// Release on Friday 18 December 2026: the two-day milestone is Wednesday 16th, 09:00 GMT.
const MILESTONE = new Date('2026-12-16T09:00:00.000Z');

function question(overrides: Partial<NaloxoneCheckQuestion>): NaloxoneCheckQuestion {
  return {
    clinical: { opiateHistory: true },
    outcome: null,
    releaseDate: '2026-12-18',
    releasingEstablishment: 'LEI',
    settings: DEFAULT_MILESTONE_SETTINGS,
    now: MILESTONE,
    ...overrides,
  };
}

describe(naloxoneExpected.name, () => {
  it.each([
    [true, true],
    [false, false],
  ])('opiate history %s -> expected %s (NAL-01)', (opiateHistory, expected) => {
    expect(naloxoneExpected({ opiateHistory })).toBe(expected);
  });
});

describe(checkNaloxone.name, () => {
  it('sends naloxone.missing to the releasing prison at the two-day milestone (docs/hub-interface.md §4; NAL-03)', () => {
    expect(checkNaloxone(question({}))).toEqual({
      kind: 'MISSING',
      notice: {
        type: 'throughcare.notice.naloxone.missing',
        to: 'LEI',
        releaseDate: '2026-12-18',
      },
    });
  });

  it('waits until the milestone', () => {
    const now = new Date('2026-12-16T08:59:59Z');
    expect(checkNaloxone(question({ now }))).toEqual({ kind: 'NOT_YET_DUE', checkAt: MILESTONE });
  });

  it.each([
    ['ISSUED', ISSUED],
    ['DECLINED', DECLINED],
    ['NOT_ELIGIBLE', NOT_ELIGIBLE],
  ])('sends nothing once %s is recorded', (outcome, record) => {
    expect(checkNaloxone(question({ outcome: record }))).toEqual({ kind: 'RECORDED', outcome });
  });

  it('expects nothing of someone without an opiate history (NAL-01)', () => {
    expect(checkNaloxone(question({ clinical: { opiateHistory: false } }))).toEqual({
      kind: 'NOT_EXPECTED',
    });
  });
});

describe(naloxoneOnNotice.name, () => {
  it.each([
    ['issued with training', ISSUED, { issued: true, trainingGiven: true }],
    ['declined', DECLINED, { issued: false, outcome: 'DECLINED' }],
    ['not eligible', NOT_ELIGIBLE, { issued: false, outcome: 'NOT_ELIGIBLE' }],
    ['no outcome recorded', null, { issued: 'unknown' }],
  ])('%s', (_, outcome, expected) => {
    expect(naloxoneOnNotice(outcome)).toEqual(expected);
  });
});
