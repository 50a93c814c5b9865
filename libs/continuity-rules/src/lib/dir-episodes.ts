import type { CustodyEpisodeRefV1 } from '@throughcare/contracts';

// One DIR per person per custody episode, carried across transfers, so that receiving prisons
// never start a second one (DIR-01). A custody episode runs from a reception
// to a release (discharge or court release); a reception after a release starts a new one.

/** A move into, between or out of prisons, as the continuity service keeps it per person. */
export type CustodyMovement =
  | { kind: 'RECEPTION'; at: string; establishment: string; cjitCaseload?: string | null }
  | { kind: 'TRANSFER'; at: string; fromEstablishment: string; toEstablishment: string }
  | { kind: 'RELEASE'; at: string; establishment: string; how: 'DISCHARGE' | 'COURT' };

/** One custody episode, as read from the movements. */
export interface CustodyEpisodeView {
  /** The reception that opened it (or the first movement the hub saw, mid-episode). */
  ref: CustodyEpisodeRefV1;
  /** Every reception recorded inside it: a receiving prison may record its own. */
  receptions: CustodyEpisodeRefV1[];
  /** Where the person is held at the end of the history, or was when released. */
  heldAt: string;
  closedAt: string | null;
}

/** The DIR the service holds for an episode: its latest version and the prison holding it. */
export interface DirOnRecord {
  dirId: string;
  episode: CustodyEpisodeRefV1;
  version: number;
  holder: string;
}

export interface DirWrite {
  custodyEpisode: CustodyEpisodeRefV1;
  establishment: string;
  recordedAt: string;
}

export type DirWriteDecision =
  | { action: 'CREATE'; episode: CustodyEpisodeRefV1; version: 1; holder: string }
  | {
      action: 'UPDATE';
      dirId: string;
      episode: CustodyEpisodeRefV1;
      version: number;
      /** The version this one supersedes; it is kept, never overwritten. */
      previousVersion: number;
      holder: string;
    }
  | { action: 'REFUSE'; reason: string };

/** What continuity does next, beside the DIR itself. */
export type ArrivalAction =
  | { kind: 'REQUEST_CJIT_RECORD'; organisationId: string; establishment: string }
  | { kind: 'HAND_OFF_DIR'; dirId: string; fromEstablishment: string; toEstablishment: string };

export interface ArrivalDecision {
  dir:
    | { action: 'START_NEW'; episode: CustodyEpisodeRefV1 }
    | { action: 'ATTACH'; dirId: string; holder: string }
    | { action: 'NONE_YET'; episode: CustodyEpisodeRefV1 };
  actions: ArrivalAction[];
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

function sameRef(a: CustodyEpisodeRefV1, b: CustodyEpisodeRefV1): boolean {
  return a.establishment === b.establishment && sameInstant(a.receivedAt, b.receivedAt);
}

function arrivalAt(movement: CustodyMovement): string {
  if (movement.kind === 'TRANSFER') return movement.toEstablishment;
  return movement.establishment;
}

/** The episodes in the movements, oldest first, ordered by when each move happened. */
export function custodyEpisodes(history: readonly CustodyMovement[]): CustodyEpisodeView[] {
  const ordered = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const episodes: CustodyEpisodeView[] = [];
  let open: CustodyEpisodeView | null = null;
  for (const movement of ordered) {
    if (movement.kind === 'RELEASE') {
      if (open) open.closedAt = movement.at;
      open = null;
      continue;
    }
    const ref = { receivedAt: movement.at, establishment: arrivalAt(movement) };
    if (!open) {
      // A transfer with no open episode: the hub met the person mid-episode (go-live).
      open = { ref, receptions: [], heldAt: ref.establishment, closedAt: null };
      episodes.push(open);
    }
    if (movement.kind === 'RECEPTION') open.receptions.push(ref);
    open.heldAt = ref.establishment;
  }
  return episodes;
}

/** The episode a reference names: its opening reception or any reception recorded inside it. */
function episodeNamed(
  episodes: readonly CustodyEpisodeView[],
  ref: CustodyEpisodeRefV1,
): CustodyEpisodeView | undefined {
  return episodes.find(
    (episode) => sameRef(episode.ref, ref) || episode.receptions.some((r) => sameRef(r, ref)),
  );
}

/** Where the person was held at an instant within the episode. */
function heldAtInstant(history: readonly CustodyMovement[], at: string): string | null {
  const before = history
    .filter((movement) => Date.parse(movement.at) <= Date.parse(at))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const last = before[before.length - 1];
  return !last || last.kind === 'RELEASE' ? null : arrivalAt(last);
}

/**
 * A `PUT /dir`: create the episode's DIR, or add a version to the one it has (also when the
 * prison the person was transferred to writes it: DIR-01).
 */
export function decideDirWrite(
  history: readonly CustodyMovement[],
  dirs: readonly DirOnRecord[],
  write: DirWrite,
): DirWriteDecision {
  const episode = episodeNamed(custodyEpisodes(history), write.custodyEpisode);
  if (!episode) return { action: 'REFUSE', reason: 'no custody episode opened by that reception' };
  if (episode.closedAt && Date.parse(write.recordedAt) >= Date.parse(episode.closedAt)) {
    return { action: 'REFUSE', reason: `the custody episode ended on ${episode.closedAt}` };
  }
  const heldAt = heldAtInstant(history, write.recordedAt);
  if (heldAt !== write.establishment) {
    return {
      action: 'REFUSE',
      reason: `the person was held at ${heldAt ?? 'no prison'}, not ${write.establishment}, at ${write.recordedAt}`,
    };
  }
  const existing = dirs.find((dir) => sameRef(dir.episode, episode.ref));
  if (!existing) {
    return { action: 'CREATE', episode: episode.ref, version: 1, holder: write.establishment };
  }
  return {
    action: 'UPDATE',
    dirId: existing.dirId,
    episode: episode.ref,
    version: existing.version + 1,
    previousVersion: existing.version,
    holder: write.establishment,
  };
}

/**
 * A reception or a transfer, already in `history`: a reception after a release starts a new
 * episode (and a new DIR); arriving mid-episode attaches the DIR handed off by the sending prison,
 * sent the same day (TRF-01).
 */
export function decideOnArrival(
  history: readonly CustodyMovement[],
  dirs: readonly DirOnRecord[],
  arrival: Exclude<CustodyMovement, { kind: 'RELEASE' }>,
): ArrivalDecision {
  const actions = cjitRecordRequest(arrival);
  const episode = custodyEpisodes(history).find(
    (candidate) =>
      Date.parse(candidate.ref.receivedAt) <= Date.parse(arrival.at) &&
      (!candidate.closedAt || Date.parse(arrival.at) < Date.parse(candidate.closedAt)),
  );
  if (!episode) throw new RangeError(`the arrival at ${arrival.at} is not in the history`);
  if (sameInstant(episode.ref.receivedAt, arrival.at)) {
    return { dir: { action: 'START_NEW', episode: episode.ref }, actions };
  }
  const dir = dirs.find((candidate) => sameRef(candidate.episode, episode.ref));
  const to = arrivalAt(arrival);
  if (!dir) return { dir: { action: 'NONE_YET', episode: episode.ref }, actions };
  if (dir.holder === to)
    return { dir: { action: 'ATTACH', dirId: dir.dirId, holder: to }, actions };
  const handOff: ArrivalAction = {
    kind: 'HAND_OFF_DIR',
    dirId: dir.dirId,
    fromEstablishment: dir.holder,
    toEstablishment: to,
  };
  return {
    dir: { action: 'ATTACH', dirId: dir.dirId, holder: to },
    actions: [...actions, handOff],
  };
}

/**
 * A CJIT that already has the person on its caseload passes its information to the prison
 * "immediately" (DIR-06): the hub asks for it on reception.
 */
function cjitRecordRequest(arrival: CustodyMovement): ArrivalAction[] {
  if (arrival.kind !== 'RECEPTION' || !arrival.cjitCaseload) return [];
  return [
    {
      kind: 'REQUEST_CJIT_RECORD',
      organisationId: arrival.cjitCaseload,
      establishment: arrival.establishment,
    },
  ];
}
