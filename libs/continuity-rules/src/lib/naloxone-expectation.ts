import type { MilestoneSettings } from '@throughcare/calendar';
import { NoticeType, type NaloxoneOutcomeV1 } from '@throughcare/contracts';

import { twoDayMilestoneAt } from './two-day-milestone';

/** "Provide all those with a history of opiate use Naloxone" (NAL-01). */
export function naloxoneExpected(clinical: { opiateHistory: boolean }): boolean {
  return clinical.opiateHistory;
}

export interface NaloxoneCheckQuestion {
  clinical: { opiateHistory: boolean };
  /** The latest outcome recorded for this release, if any. */
  outcome: NaloxoneOutcomeV1 | null;
  releaseDate: string;
  releasingEstablishment: string;
  settings: MilestoneSettings;
  now: Date;
}

export type NaloxoneCheck =
  | { kind: 'NOT_EXPECTED' }
  | { kind: 'RECORDED'; outcome: NaloxoneOutcomeV1['outcome'] }
  | { kind: 'NOT_YET_DUE'; checkAt: Date }
  | {
      kind: 'MISSING';
      notice: { type: typeof NoticeType.NaloxoneMissing; to: string; releaseDate: string };
    };

/**
 * At the two-day milestone, someone with an opiate history and no outcome on record is chased:
 * the releasing prison's team gets `naloxone.missing` (docs/hub-interface.md §4; NAL-02
 * makes naloxone part of release planning). Any recorded outcome, DECLINED or NOT_ELIGIBLE
 * included, answers the question.
 */
export function checkNaloxone(question: NaloxoneCheckQuestion): NaloxoneCheck {
  if (!naloxoneExpected(question.clinical)) return { kind: 'NOT_EXPECTED' };
  if (question.outcome) return { kind: 'RECORDED', outcome: question.outcome.outcome };
  const checkAt = twoDayMilestoneAt(question.releaseDate, question.settings);
  if (question.now.getTime() < checkAt.getTime()) return { kind: 'NOT_YET_DUE', checkAt };
  return {
    kind: 'MISSING',
    notice: {
      type: NoticeType.NaloxoneMissing,
      to: question.releasingEstablishment,
      releaseDate: question.releaseDate,
    },
  };
}

/** What a release notice says about naloxone; the disclosure rules decide who sees it. */
export type NaloxoneOnNotice =
  | { issued: true; trainingGiven: true }
  | { issued: false; outcome: 'DECLINED' | 'NOT_ELIGIBLE' }
  | { issued: 'unknown' };

export function naloxoneOnNotice(outcome: NaloxoneOutcomeV1 | null): NaloxoneOnNotice {
  if (!outcome) return { issued: 'unknown' };
  if (outcome.outcome === 'ISSUED') return { issued: true, trainingGiven: true };
  return { issued: false, outcome: outcome.outcome };
}
