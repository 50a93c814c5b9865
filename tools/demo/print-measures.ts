import { isDeepStrictEqual } from 'node:util';

import type { HubApiClient } from '@throughcare/testing';

import { HAND_COUNTED_MEASURES } from './continuity-cohort';

interface Share {
  count: number;
  of: number;
}

/** The parts of GET /v1/measures that the cohort counts by hand (continuity-cohort.ts). */
function handCountedPart(measures: Record<string, unknown>): unknown {
  const m = measures as {
    establishment: string;
    from: string;
    to: string;
    releases: number;
    planned: Record<string, Share | number>;
    naloxoneIssuedOfEligible: Share;
    ost: { withScriptOrBookedDose: Share; noneWithReason: number; noPlan: number };
    unplanned: { count: number; notified: number };
  };
  const share = (s: Share) => ({ count: s.count, of: s.of });
  return {
    establishment: m.establishment,
    from: m.from,
    to: m.to,
    releases: m.releases,
    planned: {
      count: m.planned['count'],
      notifiedAtSixWeeks: share(m.planned['notifiedAtSixWeeks'] as Share),
      notifiedAtTwoDays: share(m.planned['notifiedAtTwoDays'] as Share),
      notifiedOnTheDay: share(m.planned['notifiedOnTheDay'] as Share),
    },
    naloxoneIssuedOfEligible: share(m.naloxoneIssuedOfEligible),
    ost: {
      withScriptOrBookedDose: share(m.ost.withScriptOrBookedDose),
      noneWithReason: m.ost.noneWithReason,
      noPlan: m.ost.noPlan,
    },
    unplanned: { count: m.unplanned.count, notified: m.unplanned.notified },
  };
}

/**
 * Prints the throughcare measures the hub computed beside the hand count, and says whether they
 * agree (issue #6: "the measures endpoint agrees with a hand-counted demo scenario").
 */
export async function compareMeasuresWithHandCount(api: HubApiClient): Promise<boolean> {
  const { establishment, from, to } = HAND_COUNTED_MEASURES;
  const answer = await api.get(`/v1/measures?establishment=${establishment}&from=${from}&to=${to}`);
  console.log('================ throughcare measures ================');
  console.log(
    `GET /v1/measures?establishment=${establishment}&from=${from}&to=${to} -> ${answer.status}`,
  );
  console.log(JSON.stringify(answer.body, null, 2));
  if (answer.status !== 200) return false;
  const part = handCountedPart(answer.body as Record<string, unknown>);
  const agree = isDeepStrictEqual(part, HAND_COUNTED_MEASURES);
  const [computed, expected] = [part, HAND_COUNTED_MEASURES].map((m) => JSON.stringify(m));
  console.log(
    agree
      ? '[demo] measures agree with the hand count in tools/demo/continuity-cohort.ts'
      : `[demo] measures DISAGREE with the hand count:\n  hub:  ${computed}\n  hand: ${expected}`,
  );
  console.log('======================================================\n');
  return agree;
}
