import { localDate } from '@throughcare/calendar';
import type { NoticeSent, OstContinuity, ReleaseFact } from '@throughcare/continuity-rules';
import {
  MILESTONE_KINDS,
  type BridgingRequestStatus,
  type MilestoneKind,
  type NaloxoneOutcome,
  type OstPlanV1,
  type ReleasePlannedV1,
  type ReceptionReceivedV1,
} from '@throughcare/contracts';

const ZONE = 'Europe/London';

/** A release that happened: a discharge at the gate or a release from court. */
export interface ReleaseHappened {
  prisonNumber: string;
  episodeId: string;
  how: 'DISCHARGE' | 'COURT';
  establishment: string;
  at: string;
  /** A court release's area, when it named one (a planned release's is on its plan). */
  releaseArea?: string;
}

/** A notice about the release and the first time any recipient took delivery of it. */
export interface NoticeDelivery {
  milestone?: MilestoneKind;
  dueAt: string;
  firstDeliveredAt: string | null;
}

/** What the API holds about the custody episode the release ended. */
export interface EpisodeOnRecord {
  planned:
    | (Pick<ReleasePlannedV1, 'releaseDate' | 'clinical'> &
        Partial<Pick<ReleasePlannedV1, 'releaseArea'>>)
    | null;
  reception: Pick<ReceptionReceivedV1, 'substanceMisuse'> | null;
  ostPlan: OstPlanV1 | null;
  naloxone: NaloxoneOutcome | null;
  /** The bridging request for this release, if one was opened (not cancelled). */
  bridgingStatus: BridgingRequestStatus | null;
  /** The three milestone notices of the planned release date. */
  milestoneNotices: NoticeDelivery[];
  /** The unplanned-release notice of a court release. */
  unplannedNotices: NoticeDelivery[];
  /** The first community appointment attended from the release day on (MEA-06), if reported. */
  firstAppointmentAttendedAt?: string | null;
}

/** The day a release happened, or was planned for (Europe/London). */
export function releaseDayOf(release: ReleaseHappened, episode: EpisodeOnRecord): string {
  return release.how === 'DISCHARGE' && episode.planned
    ? episode.planned.releaseDate
    : localDate(new Date(release.at), ZONE);
}

/**
 * One release as the throughcare measures count it (libs/continuity-rules throughcareMeasures):
 * the clinical picture from the plan (or the reception), how OST continued, the naloxone outcome,
 * and when each notice first reached someone.
 */
export function releaseFactOf(release: ReleaseHappened, episode: EpisodeOnRecord): ReleaseFact {
  const clinical = episode.planned?.clinical;
  const misuse = episode.reception?.substanceMisuse;
  const onOst = clinical?.onOst ?? misuse?.onOst ?? false;
  const common = {
    prisonNumber: release.prisonNumber,
    establishment: release.establishment,
    releaseDate: releaseDayOf(release, episode),
    opiateHistory: clinical?.opiateHistory ?? misuse?.opiateUse ?? false,
    ostContinuity: ostContinuityOf(onOst, episode),
    naloxone: episode.naloxone,
    releaseArea:
      (release.how === 'COURT' ? release.releaseArea : undefined) ??
      episode.planned?.releaseArea?.localAuthorityCode ??
      null,
    firstAppointmentAttendedAt: episode.firstAppointmentAttendedAt ?? null,
  };
  if (release.how === 'COURT')
    return {
      ...common,
      releaseKind: 'COURT',
      releasedAt: release.at,
      firstNoticeSentAt: earliest(episode.unplannedNotices.map((n) => n.firstDeliveredAt)),
    };
  const notices = Object.fromEntries(
    MILESTONE_KINDS.map((kind) => [kind, milestoneNotice(kind, episode, common.releaseDate)]),
  ) as Record<MilestoneKind, NoticeSent>;
  return { ...common, releaseKind: 'PLANNED', notices };
}

/**
 * An issued script counts whatever the plan said; otherwise the plan decides: no plan at all is
 * NO_PLAN even when a safe-default request was opened (OST-05, OST-04).
 */
function ostContinuityOf(onOst: boolean, episode: EpisodeOnRecord): OstContinuity {
  if (!onOst) return 'NOT_ON_OST';
  if (episode.bridgingStatus === 'ISSUED') return 'BRIDGING_SCRIPT_ISSUED';
  switch (episode.ostPlan?.arrangement) {
    case undefined:
      return 'NO_PLAN';
    case 'COMMUNITY_DOSE_BOOKED':
      return 'COMMUNITY_DOSE_BOOKED';
    case 'NONE':
      return 'NONE_WITH_REASON';
    case 'BRIDGING_SCRIPT':
      return 'BRIDGING_SCRIPT_REQUESTED';
  }
}

function milestoneNotice(
  kind: MilestoneKind,
  episode: EpisodeOnRecord,
  releaseDate: string,
): NoticeSent {
  const notice = episode.milestoneNotices.find((n) => n.milestone === kind);
  return notice
    ? { dueAt: notice.dueAt, sentAt: notice.firstDeliveredAt }
    : { dueAt: `${releaseDate}T00:00:00.000Z`, sentAt: null };
}

function earliest(instants: ReadonlyArray<string | null>): string | null {
  const known = instants.filter((i): i is string => i !== null).sort();
  return known[0] ?? null;
}
