import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { WORKSPACE_ROOT, type HubApiClient } from '@throughcare/testing';

import { HAND_COUNTED_MEASURES } from './continuity-cohort';
import { fit, hoursAndMinutes, percent } from './report-layout';

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
    continuityOfCare: {
      overall: Share;
      byEstablishment: Array<Share & { establishment: string }>;
      byArea: Array<Share & { area: string | null }>;
    };
  };
  const share = (s: Share) => ({ count: s.count, of: s.of });
  const c = m.continuityOfCare;
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
    continuityOfCare: {
      overall: share(c.overall),
      byEstablishment: c.byEstablishment.map((e) => ({
        establishment: e.establishment,
        ...share(e),
      })),
      byArea: c.byArea.map((a) => ({ area: a.area, ...share(a) })),
    },
  };
}

interface Measures {
  releases: number;
  planned: {
    count: number;
    notifiedAtSixWeeks: Share;
    notifiedAtTwoDays: Share;
    notifiedOnTheDay: Share;
  };
  naloxoneIssuedOfEligible: Share;
  ost: { withScriptOrBookedDose: Share; noneWithReason: number; noPlan: number };
  unplanned: {
    count: number;
    notified: number;
    medianSecondsToNotice?: number | null;
    maxSecondsToNotice?: number | null;
  };
  acknowledgements?: Array<{
    organisationId: string;
    noticeType: string;
    notices: number;
    toAccept: { count: number; medianSeconds: number | null };
    toAction: { count: number; medianSeconds: number | null };
  }>;
  continuityOfCare?: { withinDays: number; overall: Share };
}

/** `path: hub X, hand Y` for each leaf where the two differ. */
function differences(hub: unknown, hand: unknown, path = ''): string[] {
  if (typeof hub === 'object' && hub !== null && typeof hand === 'object' && hand !== null) {
    const keys = new Set([...Object.keys(hub), ...Object.keys(hand)]);
    return [...keys].flatMap((key) =>
      differences(
        (hub as Record<string, unknown>)[key],
        (hand as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    );
  }
  return isDeepStrictEqual(hub, hand)
    ? []
    : [`${path}: hub ${JSON.stringify(hub)}, hand ${JSON.stringify(hand)}`];
}

function printMeasures(m: Measures): void {
  const row = (label: string, value: string) => console.log(fit(`  ${label.padEnd(49)} ${value}`));
  const p = m.planned;
  row('releases in the window', String(m.releases));
  row(
    'planned releases notified six weeks ahead',
    percent(p.notifiedAtSixWeeks.count, p.notifiedAtSixWeeks.of),
  );
  row(
    'planned releases notified two days ahead',
    percent(p.notifiedAtTwoDays.count, p.notifiedAtTwoDays.of),
  );
  row(
    'planned releases notified on the day',
    percent(p.notifiedOnTheDay.count, p.notifiedOnTheDay.of),
  );
  const naloxone = m.naloxoneIssuedOfEligible;
  row('naloxone issued, of those eligible', percent(naloxone.count, naloxone.of));
  const ost = m.ost.withScriptOrBookedDose;
  row(
    'on OST: bridging script or community dose booked',
    `${percent(ost.count, ost.of)}; none, with a reason: ${m.ost.noneWithReason}; no plan: ${m.ost.noPlan}`,
  );
  const u = m.unplanned;
  const times =
    typeof u.medianSecondsToNotice === 'number' && typeof u.maxSecondsToNotice === 'number'
      ? `; median ${hoursAndMinutes(u.medianSecondsToNotice)} to notice, longest ${hoursAndMinutes(u.maxSecondsToNotice)}`
      : '';
  row('unplanned releases notified', `${percent(u.notified, u.count)}${times}`);
  const care = m.continuityOfCare;
  if (care)
    row(
      `first appointment attended within ${care.withinDays} days`,
      `${percent(care.overall.count, care.overall.of)} of releases with a treatment need`,
    );
  for (const a of m.acknowledgements ?? []) {
    if (a.toAccept.count === 0) continue;
    const median = (s: number | null) => (s === null ? 'n/a' : hoursAndMinutes(s));
    row(
      `${a.organisationId}: ${a.noticeType.replace(/^throughcare\.notice\.(release\.)?/, '')}`,
      `accepted ${a.toAccept.count} of ${a.notices}, median ${median(a.toAccept.medianSeconds)}; actioned ${a.toAction.count}`,
    );
  }
}

/**
 * Prints the throughcare measures the hub computed, as percentages, and says whether they agree
 * with the hand count (issue #6: "the measures endpoint agrees with a hand-counted demo
 * scenario"). The answer as served is written to `rawFile`.
 */
export async function compareMeasuresWithHandCount(
  api: HubApiClient,
  rawFile: string,
): Promise<boolean> {
  const { establishment, from, to } = HAND_COUNTED_MEASURES;
  const query = `/v1/measures?establishment=${establishment}&from=${from}&to=${to}`;
  const answer = await api.get(query);
  console.log(`\nTHROUGHCARE MEASURES, ${establishment}, ${from} to ${to} (GET ${query})`);
  mkdirSync(dirname(rawFile), { recursive: true });
  writeFileSync(rawFile, `${JSON.stringify(answer.body, null, 2)}\n`);
  if (answer.status !== 200) {
    console.log(fit(`[demo] measures not served: ${answer.status} (answer in ${rawFile})`));
    return false;
  }
  printMeasures(answer.body as Measures);
  const part = handCountedPart(answer.body as Record<string, unknown>);
  const agree = isDeepStrictEqual(part, HAND_COUNTED_MEASURES);
  const answerFile = relative(WORKSPACE_ROOT, rawFile);
  if (agree)
    console.log(
      fit(
        `[demo] measures agree with the hand count in tools/demo/continuity-cohort.ts (${answerFile})`,
      ),
    );
  else {
    console.log(`[demo] measures DISAGREE with the hand count (the hub's answer: ${answerFile}):`);
    for (const line of differences(part, HAND_COUNTED_MEASURES)) console.log(fit(`  ${line}`));
  }
  return agree;
}
