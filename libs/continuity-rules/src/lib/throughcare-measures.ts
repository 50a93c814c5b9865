import type { MilestoneKind } from '@throughcare/calendar';
import type { NaloxoneOutcome } from '@throughcare/contracts';

/** A milestone notice of a planned release: when it was due and when it first went out. */
export interface NoticeSent {
  dueAt: string;
  /** The first delivery to any recipient; null when none went out. */
  sentAt: string | null;
}

/** How OST continued at release (requirements M-08, 002_1eed16caf82e2044.txt:510). */
export type OstContinuity =
  | 'NOT_ON_OST'
  | 'COMMUNITY_DOSE_BOOKED'
  | 'BRIDGING_SCRIPT_ISSUED'
  | 'BRIDGING_SCRIPT_REQUESTED'
  | 'NONE_WITH_REASON'
  | 'NO_PLAN';

interface ReleaseFactCommon {
  prisonNumber: string;
  /** The releasing prison (the holding prison for a court release). */
  establishment: string;
  /** The release day, Europe/London: the planned date, or the day of the court release. */
  releaseDate: string;
  opiateHistory: boolean;
  ostContinuity: OstContinuity;
  /** The latest naloxone outcome at release; null when none was recorded. */
  naloxone: NaloxoneOutcome | null;
}

/** What the continuity service keeps per release, once the release has happened. */
export type ReleaseFact = ReleaseFactCommon &
  (
    | { releaseKind: 'PLANNED'; notices: Record<MilestoneKind, NoticeSent> }
    | { releaseKind: 'COURT'; releasedAt: string; firstNoticeSentAt: string | null }
  );

export interface MeasuresQuery {
  establishment?: string;
  /** Release dates from and to, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

export interface Share {
  count: number;
  of: number;
  /** count / of; null when there is nothing to count. */
  ratio: number | null;
}

export interface ThroughcareMeasures {
  establishment: string | null;
  from: string;
  to: string;
  releases: number;
  planned: {
    count: number;
    notifiedAtSixWeeks: Share;
    notifiedAtTwoDays: Share;
    notifiedOnTheDay: Share;
  };
  /** Against the 17% baseline (001_18802cf5bd444756.txt:189). */
  naloxoneIssuedOfEligible: Share;
  ost: { withScriptOrBookedDose: Share; noneWithReason: number; noPlan: number };
  unplanned: {
    count: number;
    notified: number;
    medianSecondsToNotice: number | null;
    maxSecondsToNotice: number | null;
  };
}

/** A notice sent within this long after it fell due counts as on time (delivery retries). */
export const ON_TIME_GRACE_SECONDS = 3600;

export interface MeasuresOptions {
  /**
   * The on-time grace, in the clock's seconds. One hour in production; a demo on a simulated
   * clock at 30,000x needs more, because a real second of pipeline latency is 8 simulated hours.
   */
  onTimeGraceSeconds: number;
}

/** `GET /v1/measures`: pure aggregation over the releases the service has kept. */
export function throughcareMeasures(
  facts: readonly ReleaseFact[],
  query: MeasuresQuery,
  options: MeasuresOptions = { onTimeGraceSeconds: ON_TIME_GRACE_SECONDS },
): ThroughcareMeasures {
  const inScope = facts.filter((fact) => inQuery(fact, query));
  return {
    establishment: query.establishment ?? null,
    from: query.from,
    to: query.to,
    releases: inScope.length,
    planned: plannedMeasures(inScope, options.onTimeGraceSeconds),
    naloxoneIssuedOfEligible: naloxoneShare(inScope),
    ost: ostMeasures(inScope),
    unplanned: unplannedMeasures(inScope),
  };
}

function inQuery(fact: ReleaseFact, query: MeasuresQuery): boolean {
  if (query.establishment && fact.establishment !== query.establishment) return false;
  return query.from <= fact.releaseDate && fact.releaseDate <= query.to;
}

function share(count: number, of: number): Share {
  return { count, of, ratio: of === 0 ? null : count / of };
}

function onTime(notice: NoticeSent, graceSeconds: number): boolean {
  if (notice.sentAt === null) return false;
  return Date.parse(notice.sentAt) - Date.parse(notice.dueAt) <= graceSeconds * 1000;
}

// 6 weeks, 2 days, on the day (001_18802cf5bd444756.txt:55): planned releases only.
function plannedMeasures(
  facts: readonly ReleaseFact[],
  graceSeconds: number,
): ThroughcareMeasures['planned'] {
  const planned = facts.flatMap((fact) => (fact.releaseKind === 'PLANNED' ? [fact.notices] : []));
  const atMilestone = (kind: MilestoneKind) =>
    share(planned.filter((notices) => onTime(notices[kind], graceSeconds)).length, planned.length);
  return {
    count: planned.length,
    notifiedAtSixWeeks: atMilestone('SIX_WEEKS'),
    notifiedAtTwoDays: atMilestone('TWO_DAYS'),
    notifiedOnTheDay: atMilestone('DAY_OF_RELEASE'),
  };
}

// Eligible: an opiate history (001_18802cf5bd444756.txt:195), unless recorded NOT_ELIGIBLE.
function naloxoneShare(facts: readonly ReleaseFact[]): Share {
  const eligible = facts.filter((fact) => fact.opiateHistory && fact.naloxone !== 'NOT_ELIGIBLE');
  return share(eligible.filter((fact) => fact.naloxone === 'ISSUED').length, eligible.length);
}

// A requested script that was never issued does not count (002_1eed16caf82e2044.txt:707-709).
function ostMeasures(facts: readonly ReleaseFact[]): ThroughcareMeasures['ost'] {
  const onOst = facts.filter((fact) => fact.ostContinuity !== 'NOT_ON_OST');
  const covered = onOst.filter((fact) =>
    ['COMMUNITY_DOSE_BOOKED', 'BRIDGING_SCRIPT_ISSUED'].includes(fact.ostContinuity),
  );
  return {
    withScriptOrBookedDose: share(covered.length, onOst.length),
    noneWithReason: onOst.filter((fact) => fact.ostContinuity === 'NONE_WITH_REASON').length,
    noPlan: onOst.filter((fact) => fact.ostContinuity === 'NO_PLAN').length,
  };
}

// Court releases are notified "at once" (contract.md §4; 004_4d2725de1c348b75.txt:566).
function unplannedMeasures(facts: readonly ReleaseFact[]): ThroughcareMeasures['unplanned'] {
  const court = facts.flatMap((fact) => (fact.releaseKind === 'COURT' ? [fact] : []));
  const seconds = court
    .flatMap((fact) =>
      fact.firstNoticeSentAt === null
        ? []
        : [(Date.parse(fact.firstNoticeSentAt) - Date.parse(fact.releasedAt)) / 1000],
    )
    .sort((a, b) => a - b);
  return {
    count: court.length,
    notified: seconds.length,
    medianSecondsToNotice: median(seconds),
    maxSecondsToNotice: seconds.at(-1) ?? null,
  };
}

/** The middle value of sorted numbers; the mean of the two middle ones for an even count. */
function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}
