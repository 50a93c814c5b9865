import type { CustodyChange } from '@throughcare/contracts';

export type EpisodeStatus = 'IN_CUSTODY' | 'RELEASE_PLANNED' | 'RELEASED' | 'RELEASED_FROM_COURT';

export interface PlannedRelease {
  eventId: string;
  releaseDate: string;
  /** When the plan was made (the event's occurredAt): a plan made earlier never replaces it. */
  plannedAt: string;
}

/** One stay in custody, from reception (or first sight) to release. */
export interface CustodyEpisode {
  id: string;
  status: EpisodeStatus;
  /** Where the person is held, as of `locatedAt`; null when not yet known. */
  establishment: string | null;
  locatedAt: string | null;
  openedAt: string;
  /** RECEPTION, or FIRST_SEEN when the hub met the person mid-sentence (go-live into full prisons). */
  openedBy: 'RECEPTION' | 'FIRST_SEEN';
  release: PlannedRelease | null;
  closedAt: string | null;
  /**
   * The discharge or court release that closed the episode, and whether it was reported
   * provisionally: only a provisional one may be retracted, which reopens the episode (REL-09).
   * Absent on episodes closed before it was recorded.
   */
  closedBy?: { eventId: string; provisional: boolean } | null;
}

/** What the hub knows of a person's custody: the current or most recent episode. */
export interface PersonCustody {
  prisonNumber: string;
  episode: CustodyEpisode | null;
}

export type { CustodyChange } from '@throughcare/contracts';

export type IntakeOutcome =
  | {
      accepted: true;
      person: PersonCustody;
      episodeId: string;
      change: CustodyChange;
      /** The hub had never seen this person (or only a closed episode) and opened a record. */
      opened: boolean;
      previousReleaseDate: string | null;
    }
  | { accepted: false; reason: string };

export function isOpen(
  episode: CustodyEpisode | null,
): episode is CustodyEpisode & { closedAt: null } {
  return episode !== null && episode.closedAt === null;
}
