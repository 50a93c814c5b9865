import {
  IntakeEventType,
  type IntakeEvent,
  type ReceptionReceivedV1,
  type ReleaseCancelledV1,
  type ReleasePlannedV1,
  type ReleaseRetractedV1,
  type TransferCompletedV1,
} from '@throughcare/contracts';

import {
  isOpen,
  type CustodyChange,
  type CustodyEpisode,
  type IntakeOutcome,
  type PersonCustody,
} from './custody-episode';

export interface IntakeContext {
  /** When the fact happened at the prison (the event's own timestamp). */
  occurredAt: Date;
  /** Today's calendar date in Europe/London, by the hub's clock. */
  today: string;
  newEpisodeId: () => string;
}

/**
 * The custody rules: does this event fit what the hub knows of the person, and what changes?
 * Pure: the HTTP path and the Kafka path both call it, inside the transaction that saves the result.
 */
export function decideIntake(
  person: PersonCustody,
  event: IntakeEvent,
  context: IntakeContext,
): IntakeOutcome {
  const at = context.occurredAt.toISOString();
  switch (event.type) {
    case IntakeEventType.ReceptionReceived:
      return reception(person, event.data, at, context);
    case IntakeEventType.TransferCompleted:
      return transfer(person, event.data, at, context);
    case IntakeEventType.ReleasePlanned:
      return releasePlanned(person, event.data, at, context);
    case IntakeEventType.ReleaseCancelled:
      return releaseCancelled(person, event.data, at, context);
    case IntakeEventType.ReleaseDischarged:
      return leaveCustody(person, event.data, event.data.establishment, at, 'DISCHARGED', context);
    case IntakeEventType.CourtReleaseReleased:
      return leaveCustody(
        person,
        event.data,
        event.data.holdingEstablishment,
        at,
        'RELEASED_FROM_COURT',
        context,
      );
    case IntakeEventType.ReleaseRetracted:
      return releaseRetracted(person, event.data, at);
  }
}

function refuse(reason: string): IntakeOutcome {
  return { accepted: false, reason };
}

function accept(
  person: PersonCustody,
  episode: CustodyEpisode,
  change: CustodyChange,
  opened: boolean,
  previousReleaseDate: string | null = null,
): IntakeOutcome {
  return {
    accepted: true,
    person: { ...person, episode },
    episodeId: episode.id,
    change,
    opened,
    previousReleaseDate,
  };
}

function firstSeen(context: IntakeContext, establishment: string, at: string): CustodyEpisode {
  return {
    id: context.newEpisodeId(),
    status: 'IN_CUSTODY',
    establishment,
    locatedAt: at,
    openedAt: at,
    openedBy: 'FIRST_SEEN',
    release: null,
    closedAt: null,
  };
}

function releasedSince(episode: CustodyEpisode): string {
  return `the person was released on ${episode.closedAt} and has not been received since`;
}

/** Refuses an event placed at a prison other than where the person is known to be. */
function heldElsewhere(episode: CustodyEpisode, establishment: string, at: string): string | null {
  if (!episode.establishment || episode.establishment === establishment) return null;
  if (episode.locatedAt && at < episode.locatedAt) return null; // earlier than the move we know of
  return `the person is held at ${episode.establishment}, not ${establishment}`;
}

function reception(
  person: PersonCustody,
  data: ReceptionReceivedV1,
  at: string,
  context: IntakeContext,
): IntakeOutcome {
  const current = person.episode;
  if (isOpen(current)) {
    // The hub met the person mid-episode; this reception is that episode's start, arriving late.
    if (current.openedBy === 'FIRST_SEEN' && at <= current.openedAt) {
      return accept(person, { ...current, openedAt: at, openedBy: 'RECEPTION' }, 'RECEIVED', false);
    }
    // The receiving prison records its own reception of someone transferred to it: the same
    // custody episode, so that it attaches the DIR handed over with the transfer instead of
    // starting a second one (DIR-01).
    if (arrivedByTransfer(current, data.establishment, at)) {
      return accept(person, current, 'RECEIVED', false);
    }
    return refuse(
      `the person is already in custody at ${current.establishment ?? 'an unknown prison'} since ${current.openedAt}; a move between prisons is a transfer`,
    );
  }
  if (current && current.closedAt && at < current.closedAt) {
    return refuse(`a reception on ${at} predates the release on ${current.closedAt}`);
  }
  const episode: CustodyEpisode = {
    ...firstSeen(context, data.establishment, at),
    openedBy: 'RECEPTION',
  };
  return accept(person, episode, 'RECEIVED', current === null);
}

/** Moved to this prison by a transfer (not where the episode opened), at or before `at`. */
function arrivedByTransfer(episode: CustodyEpisode, establishment: string, at: string): boolean {
  return (
    episode.establishment === establishment &&
    episode.locatedAt !== null &&
    episode.locatedAt !== episode.openedAt &&
    episode.locatedAt <= at
  );
}

function transfer(
  person: PersonCustody,
  data: TransferCompletedV1,
  at: string,
  context: IntakeContext,
): IntakeOutcome {
  const current = person.episode;
  if (!current)
    return accept(person, firstSeen(context, data.toEstablishment, at), 'TRANSFERRED', true);
  if (current.closedAt) {
    return at < current.closedAt
      ? accept(person, current, 'RECORDED_LATE', false)
      : refuse(releasedSince(current));
  }
  // Ordered by when it happened, not by arrival: an older move never overwrites a newer one.
  if (current.locatedAt && at < current.locatedAt)
    return accept(person, current, 'RECORDED_LATE', false);
  if (current.establishment && current.establishment !== data.fromEstablishment) {
    return refuse(`the person is held at ${current.establishment}, not ${data.fromEstablishment}`);
  }
  return accept(
    person,
    { ...current, establishment: data.toEstablishment, locatedAt: at },
    'TRANSFERRED',
    false,
  );
}

function releasePlanned(
  person: PersonCustody,
  data: ReleasePlannedV1,
  at: string,
  context: IntakeContext,
): IntakeOutcome {
  if (data.releaseDate < context.today)
    return refuse(`releaseDate ${data.releaseDate} is in the past`);
  const current = person.episode;
  if (current?.closedAt)
    return refuse(`${releasedSince(current)}; a release needs a custody episode`);
  const opened = !isOpen(current);
  const episode = isOpen(current) ? current : firstSeen(context, data.establishment, at);
  const elsewhere = heldElsewhere(episode, data.establishment, at);
  if (elsewhere) return refuse(elsewhere);
  if (episode.release && at < episode.release.plannedAt)
    return accept(person, episode, 'RECORDED_LATE', false);
  const previous = episode.release?.releaseDate ?? null;
  const planned: CustodyEpisode = {
    ...episode,
    status: 'RELEASE_PLANNED',
    release: { eventId: data.eventId, releaseDate: data.releaseDate, plannedAt: at },
  };
  return accept(
    person,
    planned,
    previous ? 'RELEASE_REPLANNED' : 'RELEASE_PLANNED',
    opened,
    previous,
  );
}

function releaseCancelled(
  person: PersonCustody,
  data: ReleaseCancelledV1,
  at: string,
  context: IntakeContext,
): IntakeOutcome {
  const current = person.episode;
  if (!current)
    return accept(person, firstSeen(context, data.establishment, at), 'RELEASE_CANCELLED', true);
  if (current.closedAt) return refuse(`the person was already released on ${current.closedAt}`);
  if (!current.release) return refuse('there is no planned release to cancel');
  if (at < current.release.plannedAt) return accept(person, current, 'RECORDED_LATE', false);
  const elsewhere = heldElsewhere(current, data.establishment, at);
  if (elsewhere) return refuse(elsewhere);
  const cancelled: CustodyEpisode = { ...current, status: 'IN_CUSTODY', release: null };
  return accept(person, cancelled, 'RELEASE_CANCELLED', false, current.release.releaseDate);
}

function leaveCustody(
  person: PersonCustody,
  leaving: { eventId: string; provisional?: boolean },
  establishment: string,
  at: string,
  change: 'DISCHARGED' | 'RELEASED_FROM_COURT',
  context: IntakeContext,
): IntakeOutcome {
  const current = person.episode;
  if (current?.closedAt) {
    return refuse(
      `the person was already released from this custody episode on ${current.closedAt}`,
    );
  }
  const opened = !isOpen(current);
  const episode = isOpen(current) ? current : firstSeen(context, establishment, at);
  const elsewhere = heldElsewhere(episode, establishment, at);
  if (elsewhere) return refuse(elsewhere);
  if (episode.locatedAt && at < episode.locatedAt) {
    return refuse(
      `leaving custody on ${at} predates the person's last known move on ${episode.locatedAt}`,
    );
  }
  const status = change === 'DISCHARGED' ? 'RELEASED' : 'RELEASED_FROM_COURT';
  // No "previous" date: the release happened (the plan stays on the episode for the notice).
  const closedBy = { eventId: leaving.eventId, provisional: leaving.provisional === true };
  return accept(person, { ...episode, status, closedAt: at, closedBy }, change, opened);
}

/**
 * A provisional release withdrawn (REL-09): accepted only against the event that closed the
 * person's latest episode, when that was reported provisionally; the same episode opens again
 * with its release plan as it was, so its milestones can be re-armed.
 */
function releaseRetracted(
  person: PersonCustody,
  data: ReleaseRetractedV1,
  at: string,
): IntakeOutcome {
  const current = person.episode;
  if (!current?.closedAt || !current.closedBy)
    return refuse('there is no release to retract: the person is not recorded as released');
  if (current.closedBy.eventId !== data.retractedEventId)
    return refuse(
      `event ${data.retractedEventId} is not the release that closed the person's custody episode`,
    );
  if (!current.closedBy.provisional)
    return refuse(`the release ${data.retractedEventId} was confirmed, not provisional`);
  if (current.establishment && current.establishment !== data.establishment)
    return refuse(
      `the person was released from ${current.establishment}, not ${data.establishment}`,
    );
  if (at < current.closedAt)
    return refuse(`a retraction on ${at} predates the release on ${current.closedAt}`);
  const reopened: CustodyEpisode = {
    ...current,
    status: current.release ? 'RELEASE_PLANNED' : 'IN_CUSTODY',
    closedAt: null,
    closedBy: null,
  };
  return accept(person, reopened, 'RELEASE_RETRACTED', false, current.release?.releaseDate ?? null);
}
