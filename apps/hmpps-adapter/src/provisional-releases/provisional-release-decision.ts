import type { HmppsStream, HubAction, HubActionKind } from '../domain-events/hmpps-event-mapping';

/**
 * What the adapter knows of one release of a person, from either stream (HMPPS-10):
 * PROVISIONAL, posted from the immediate stream and not yet seen on the delayed one; CONFIRMED,
 * seen on the delayed stream (posted from there, or confirming the provisional one); RETRACTED,
 * the person was received back before the delayed stream confirmed it.
 */
export interface ReleaseRecord {
  status: 'PROVISIONAL' | 'CONFIRMED' | 'RETRACTED';
  /** When the person left, as the stream that first reported it says (UTC ISO). */
  releasedAt: string;
  /** When the person was next received (UTC ISO); null while they are out. */
  returnedAt: string | null;
}

/** The movements that bear on a release: leaving through the gate, or being received back. */
export interface ReleaseMovement {
  kind: 'discharge' | 'received';
  stream: HmppsStream;
  occurredAt: string;
}

// Being received back, whatever the reason (an admission or re-admission, a transfer in, a
// return from court): what ends a release, or shows it did not happen (HMPPS-10).
const RECEIVED_BACK: ReadonlySet<HubActionKind> = new Set([
  'reception',
  'transfer-in',
  'court-return',
]);

/**
 * The movement a mapped HMPPS action is to the releases (HMPPS-10): a discharge, a being
 * received back, or undefined for an action that neither makes nor ends a release.
 */
export function releaseMovementOf(action: HubAction): ReleaseMovement | undefined {
  if (!('establishment' in action)) return undefined;
  const { stream, occurredAt } = action;
  if (action.kind === 'discharge') return { kind: 'discharge', stream, occurredAt };
  if (RECEIVED_BACK.has(action.kind)) return { kind: 'received', stream, occurredAt };
  return undefined;
}

export type ReleaseDecision =
  /** Immediate stream, a release not seen before: posted at once, marked provisional. */
  | { action: 'post-provisional' }
  /** Delayed stream, a release not seen on the immediate one: posted as before, confirmed. */
  | { action: 'post-confirmed' }
  /** Delayed stream's copy of a provisional release: the row is confirmed, nothing is posted. */
  | { action: 'confirm' }
  /** Received back while the release is still provisional: the hub is told it did not happen. */
  | { action: 'retract' }
  /** Received back after a confirmed release: noted on the row, then handled as any reception. */
  | { action: 'returned' }
  /** Nothing to post about the release (the reason is on the adapter's timeline). */
  | { action: 'ignore'; why: string }
  /** Not about a known release: the movement is handled as it always was. */
  | { action: 'pass' };

/**
 * How far apart the two streams' instants for the same movement may be. Prisoner Search
 * reports a movement within minutes and prison-offender-events carries the NOMIS movement time,
 * so hours apart is already another release.
 */
export const SAME_RELEASE_WINDOW_MS = 6 * 60 * 60 * 1000;

/** True when a release reported at `at` is the release the record is about. */
export function isSameRelease(record: ReleaseRecord, at: string): boolean {
  const apart = Math.abs(Date.parse(at) - Date.parse(record.releasedAt));
  if (apart > SAME_RELEASE_WINDOW_MS) return false;
  // After the person came back, a release is a new one.
  return record.returnedAt === null || at <= record.returnedAt;
}

/**
 * Provisional and confirmed releases (HMPPS-10), pure: what a release or a reception on
 * either stream does, given the person's latest release record. A flap (released on the
 * immediate stream, received back minutes later) is one provisional notice and one retraction;
 * the same release reported again, on either stream and in any order, posts nothing more.
 */
export function decideRelease(
  movement: ReleaseMovement,
  latest: ReleaseRecord | undefined,
): ReleaseDecision {
  if (movement.kind === 'received') return received(movement, latest);
  const same = latest !== undefined && isSameRelease(latest, movement.occurredAt);
  if (movement.stream === 'immediate') {
    if (!same) return { action: 'post-provisional' };
    return { action: 'ignore', why: `release already ${latest.status.toLowerCase()}` };
  }
  if (!same) return { action: 'post-confirmed' };
  switch (latest.status) {
    case 'PROVISIONAL':
      return { action: 'confirm' };
    case 'CONFIRMED':
      return { action: 'ignore', why: 'release already confirmed' };
    case 'RETRACTED':
      // The delayed stream suppresses reversed movements; a copy here is an older one.
      return { action: 'ignore', why: 'release retracted: the person was received back' };
  }
}

function received(movement: ReleaseMovement, latest: ReleaseRecord | undefined): ReleaseDecision {
  if (!latest || latest.returnedAt !== null || movement.occurredAt < latest.releasedAt)
    return { action: 'pass' };
  if (latest.status === 'PROVISIONAL') return { action: 'retract' };
  if (latest.status === 'CONFIRMED') return { action: 'returned' };
  return { action: 'pass' };
}
