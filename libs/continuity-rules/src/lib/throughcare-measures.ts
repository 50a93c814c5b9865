import type { MilestoneKind } from '@throughcare/calendar';
import type { NaloxoneOutcome } from '@throughcare/contracts';

/** A milestone notice of a planned release: when it was due and when it first went out. */
export interface NoticeSent {
  dueAt: string;
  /** The first delivery to any recipient; null when none went out. */
  sentAt: string | null;
}

/** How OST continued at release (MEA-03). */
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
  /** The release area's ONS code, when the plan or the court release named one. */
  releaseArea?: string | null;
  /**
   * The first community appointment attended after release (an ACTIONED acknowledgement of
   * FIRST_APPOINTMENT_ATTENDED, ACK-01), as its `at`; null or absent when none was reported.
   */
  firstAppointmentAttendedAt?: string | null;
}

/** One organisation's delivery of a notice about a release, and its acknowledgements (MEA-05). */
export interface AcknowledgementFact {
  deliveryId: string;
  organisationId: string;
  noticeType: string;
  /** The release the notice was about: scopes the fact like the release. */
  establishment: string;
  releaseDate: string;
  /** When the delivery was opened. */
  openedAt: string;
  /** The first ACCEPTED or ACTIONED acknowledgement; null when none. */
  acceptedAt: string | null;
  /** The first ACTIONED acknowledgement; null when none. */
  actionedAt: string | null;
}

/** Seconds from a delivery being opened to an acknowledgement, over the notices acknowledged. */
export interface TimeTo {
  count: number;
  medianSeconds: number | null;
  maxSeconds: number | null;
}

export interface AcknowledgementMeasure {
  organisationId: string;
  noticeType: string;
  /** Deliveries of this kind to this organisation. */
  notices: number;
  toAccept: TimeTo;
  toAction: TimeTo;
}

/** MEA-06: releases with a treatment need whose first appointment was attended within 21 days. */
export interface ContinuityOfCare {
  withinDays: number;
  overall: Share;
  byEstablishment: Array<{ establishment: string } & Share>;
  byArea: Array<{ area: string | null } & Share>;
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
  /** Against the 17% baseline (MEA-02). */
  naloxoneIssuedOfEligible: Share;
  ost: { withScriptOrBookedDose: Share; noneWithReason: number; noPlan: number };
  unplanned: {
    count: number;
    notified: number;
    medianSecondsToNotice: number | null;
    maxSecondsToNotice: number | null;
  };
  /** MEA-05, per organisation and notice kind. */
  acknowledgements: AcknowledgementMeasure[];
  continuityOfCare: ContinuityOfCare;
}

/** MEA-06: the national measure of continuity of care counts engagement within 3 weeks. */
export const CONTINUITY_OF_CARE_DAYS = 21;

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
  acknowledgements: readonly AcknowledgementFact[] = [],
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
    acknowledgements: acknowledgementMeasures(acknowledgements.filter((a) => inQuery(a, query))),
    continuityOfCare: continuityOfCare(inScope),
  };
}

function inQuery(
  fact: Pick<ReleaseFact, 'establishment' | 'releaseDate'>,
  query: MeasuresQuery,
): boolean {
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

// 6 weeks, 2 days, on the day (MEA-01): planned releases only.
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

// Eligible: an opiate history (NAL-01), unless recorded NOT_ELIGIBLE.
function naloxoneShare(facts: readonly ReleaseFact[]): Share {
  const eligible = facts.filter((fact) => fact.opiateHistory && fact.naloxone !== 'NOT_ELIGIBLE');
  return share(eligible.filter((fact) => fact.naloxone === 'ISSUED').length, eligible.length);
}

// A requested script that was never issued does not count (MEA-03).
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

// Court releases are notified "at once" (docs/hub-interface.md §4; MEA-04).
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

function secondsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function timeTo(seconds: number[]): TimeTo {
  const sorted = [...seconds].sort((a, b) => a - b);
  return { count: sorted.length, medianSeconds: median(sorted), maxSeconds: sorted.at(-1) ?? null };
}

// MEA-05: each delivery once (a person released twice in the window is still one notice).
function acknowledgementMeasures(facts: readonly AcknowledgementFact[]): AcknowledgementMeasure[] {
  const unique = [...new Map(facts.map((fact) => [fact.deliveryId, fact])).values()];
  const groups = new Map<string, AcknowledgementFact[]>();
  for (const fact of unique) {
    const key = `${fact.organisationId} ${fact.noticeType}`;
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  return [...groups.values()]
    .flatMap(([first, ...rest]) => (first ? [measureOf(first, [first, ...rest])] : []))
    .sort(
      (a, b) =>
        a.organisationId.localeCompare(b.organisationId) ||
        a.noticeType.localeCompare(b.noticeType),
    );
}

function measureOf(
  first: AcknowledgementFact,
  group: readonly AcknowledgementFact[],
): AcknowledgementMeasure {
  return {
    organisationId: first.organisationId,
    noticeType: first.noticeType,
    notices: group.length,
    toAccept: timeTo(
      group.flatMap((f) => (f.acceptedAt ? [secondsBetween(f.openedAt, f.acceptedAt)] : [])),
    ),
    toAction: timeTo(
      group.flatMap((f) => (f.actionedAt ? [secondsBetween(f.openedAt, f.actionedAt)] : [])),
    ),
  };
}

/** The calendar date `days` after a YYYY-MM-DD date. */
function plusDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

/** London's calendar date of an instant (the release day is a London date). */
function londonDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant));
}

// MEA-06: a treatment need is an opiate history or OST; attended on the release day up to 21 days after.
function continuityOfCare(facts: readonly ReleaseFact[]): ContinuityOfCare {
  const needing = facts.filter((f) => f.opiateHistory || f.ostContinuity !== 'NOT_ON_OST');
  const engaged = (fact: ReleaseFact) => {
    if (!fact.firstAppointmentAttendedAt) return false;
    const day = londonDate(fact.firstAppointmentAttendedAt);
    return fact.releaseDate <= day && day <= plusDays(fact.releaseDate, CONTINUITY_OF_CARE_DAYS);
  };
  const shareOf = (group: readonly ReleaseFact[]) =>
    share(group.filter(engaged).length, group.length);
  const by = <K extends string | null>(key: (fact: ReleaseFact) => K): Array<[K, Share]> => {
    const keys = [...new Set(needing.map(key))].sort((a, b) => String(a).localeCompare(String(b)));
    return keys.map((k) => [k, shareOf(needing.filter((fact) => key(fact) === k))]);
  };
  return {
    withinDays: CONTINUITY_OF_CARE_DAYS,
    overall: shareOf(needing),
    byEstablishment: by((f) => f.establishment).map(([establishment, s]) => ({
      establishment,
      ...s,
    })),
    byArea: by((f) => f.releaseArea ?? null).map(([area, s]) => ({ area, ...s })),
  };
}
