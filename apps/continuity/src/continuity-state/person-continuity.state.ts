import { createHash } from 'node:crypto';

import type { CustodyMovement, DirOnRecord } from '@throughcare/continuity-rules';
import type {
  ContinuityRecordV1,
  MilestoneKind,
  NoticeCauseV1,
  NoticeType,
  ReleasePlannedV1,
} from '@throughcare/contracts';

/** The release as planned (the planner's notices carry the same shape). */
export type PlannedRelease = Omit<ReleasePlannedV1, 'occurredAt'>;

/** What the episode's latest reception told us: OST at a court release or a discharge. */
export interface ReceptionFacts {
  establishment: string;
  receivedAt: string;
  eventId: string;
  onOst: boolean;
  ostMedicine?: string;
  opiateUse: boolean;
}

/** A movement as continuity keeps it: with the intake event that recorded it, for notice causes. */
export type RecordedMovement = CustodyMovement & { eventId?: string };

/** Everything the continuity service keeps per person; `record` is what it publishes. */
export interface PersonContinuityState {
  prisonNumber: string;
  episodeId: string | null;
  revision: number;
  record: ContinuityRecordV1;
  movements: RecordedMovement[];
  release: PlannedRelease | null;
  reception: ReceptionFacts | null;
  /** The discharge or court release that ended the episode (a court-released script's area). */
  leftCustody: NoticeCauseV1 | null;
  /** Episodes this person has left: a late write for one of them changes nothing. */
  pastEpisodeIds: string[];
  /** The person's cjit consent scope as last recorded: the CJIT record request waits for it. */
  cjitConsent: boolean;
  /** CJIT record requests of this episode waiting for that consent (DIR-06). */
  pendingCjitRequests: PendingCjitRequest[];
  /**
   * Set once the two-day milestone of this release has passed: from then until the person leaves,
   * the DIR's community recipients are told of every later DIR version (a further assessment),
   * and of a DIR first recorded after the milestone (DIR-04).
   */
  communityDirHandoff: CommunityDirHandoff | null;
}

export interface CommunityDirHandoff {
  releaseDate: string;
}

export interface PendingCjitRequest {
  organisationId: string;
  cause: NoticeCauseV1;
}

/** A notice continuity decided to issue; `key` makes its id deterministic. */
export interface NoticeToIssue {
  type: NoticeType;
  key: string;
  dueAt: string;
  shortNotice: boolean;
  fridayOrPreHoliday: boolean;
  milestone?: MilestoneKind;
  release?: PlannedRelease;
  cause?: NoticeCauseV1;
  organisationId?: string;
  /** Counted on /metrics when the notice is issued (not when a redelivery finds it issued). */
  counter?: ContinuityCounter;
}

export type ContinuityCounter =
  | 'OST_RELEASED_WITHOUT_PLAN'
  | 'BRIDGING_REQUEST_OPENED'
  | 'URGENT_BRIDGING_REQUEST_OPENED'
  | 'NALOXONE_MISSING';

/** What handling one event did: whether the record changed, and the notices due. */
export interface ContinuityOutcome {
  recordChanged: boolean;
  notices: NoticeToIssue[];
}

/** Nothing changed, nothing due: what every decision starts from. */
export function noOutcome(): ContinuityOutcome {
  return { recordChanged: false, notices: [] };
}

/** A notice caused by something that happened now (not by a milestone): due at once. */
export function dueNow(
  now: Date,
): Pick<NoticeToIssue, 'dueAt' | 'shortNotice' | 'fridayOrPreHoliday'> {
  return { dueAt: now.toISOString(), shortNotice: false, fridayOrPreHoliday: false };
}

export function emptyState(prisonNumber: string): PersonContinuityState {
  return {
    prisonNumber,
    episodeId: null,
    revision: 0,
    record: { prisonNumber, revision: 0, updatedAt: new Date(0).toISOString() },
    movements: [],
    release: null,
    reception: null,
    leftCustody: null,
    pastEpisodeIds: [],
    cjitConsent: false,
    pendingCjitRequests: [],
    communityDirHandoff: null,
  };
}

/**
 * A new custody episode starts an empty record: a DIR, plan or naloxone outcome belongs to one
 * episode (DIR-01). Movements are kept: they define the episodes.
 */
export function startEpisode(state: PersonContinuityState, episodeId: string): void {
  if (state.episodeId && !state.pastEpisodeIds.includes(state.episodeId))
    state.pastEpisodeIds.push(state.episodeId);
  state.episodeId = episodeId;
  state.record = {
    prisonNumber: state.prisonNumber,
    revision: state.revision,
    episodeId,
    updatedAt: state.record.updatedAt,
  };
  state.release = null;
  state.reception = null;
  state.leftCustody = null;
  state.pendingCjitRequests = [];
  state.communityDirHandoff = null;
}

/**
 * Brings the state to the episode an event belongs to. Topics are not ordered against each other,
 * so a person-record write or a milestone may arrive before the reception that opened its episode:
 * an episode never seen before starts; one already left is 'PAST' (the event changes nothing).
 */
export function enterEpisode(
  state: PersonContinuityState,
  episodeId: string,
): 'CURRENT' | 'STARTED' | 'PAST' {
  if (state.episodeId === episodeId) return 'CURRENT';
  if (state.pastEpisodeIds.includes(episodeId)) return 'PAST';
  startEpisode(state, episodeId);
  return 'STARTED';
}

/** The DIR on record, as libs/continuity-rules reads it. */
export function dirsOf(state: PersonContinuityState): DirOnRecord[] {
  const dir = state.record.dir;
  return dir
    ? [{ dirId: dir.dirId, episode: dir.episode, version: dir.version, holder: dir.holder }]
    : [];
}

/** On OST as far as the hub knows: the planned release's clinical, else the reception's. */
export function onOst(state: PersonContinuityState): boolean {
  return state.release?.clinical.onOst ?? state.reception?.onOst ?? false;
}

/**
 * A name-based UUID (version 5 layout over SHA-1): the same cause always gives the same notice
 * id, so a redelivered event or a re-fired milestone never issues a notice twice.
 */
export function deterministicId(...parts: string[]): string {
  const hash = createHash('sha1')
    .update(['throughcare-continuity', ...parts].join('|'))
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
