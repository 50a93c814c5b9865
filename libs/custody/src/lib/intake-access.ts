import { IntakeEventType, type IntakeEvent } from '@throughcare/contracts';

import type { PersonCustody } from './custody-episode';

/** Who reports an intake event over HTTP: an admin, or a prison key bound to establishments. */
export interface IntakeReporter {
  /** The API key's id, for the audit ('admin' for the environment's admin key). */
  keyId?: string;
  role: 'admin' | 'prison' | 'subscriber';
  establishments: readonly string[];
}

export type IntakeAccess =
  { allowed: true; rule: string } | { allowed: false; rule: string; reason: string };

/**
 * The establishment whose record the event is (docs/security/access-rules.md ACC-2): a transfer
 * is the sending prison's to record, a court release the holding prison's, every other event
 * the prison named in it (the receiving prison for its own reception).
 */
export function reportingEstablishmentOf(event: IntakeEvent): string {
  switch (event.type) {
    case IntakeEventType.TransferCompleted:
      return event.data.fromEstablishment;
    case IntakeEventType.CourtReleaseReleased:
      return event.data.holdingEstablishment;
    default:
      return event.data.establishment;
  }
}

const allow = (rule: string): IntakeAccess => ({ allowed: true, rule });
const refuse = (rule: string, reason: string): IntakeAccess => ({ allowed: false, rule, reason });

/** ACC-1 and ACC-2, from the payload alone: checked before the person's record is looked at. */
export function mayReportFor(reporter: IntakeReporter, event: IntakeEvent): IntakeAccess {
  if (reporter.role === 'admin') return allow('ACC-1');
  if (reporter.role !== 'prison')
    return refuse('ACC-1', 'only prison and admin keys report events');
  const establishment = reportingEstablishmentOf(event);
  return reporter.establishments.includes(establishment)
    ? allow('ACC-2')
    : refuse('ACC-2', `${event.type} is ${establishment}'s to record; this key is not for it`);
}

/**
 * ACC-3 to ACC-5, against where the hub knows the person is (the custody state read under the
 * person's lock), never only against what the payload claims: a key may not move, release or
 * re-receive someone another prison holds by naming that prison in the event.
 */
export function mayReportAbout(
  reporter: IntakeReporter,
  event: IntakeEvent,
  custody: PersonCustody,
  occurredAt: Date,
): IntakeAccess {
  const forPayload = mayReportFor(reporter, event);
  if (!forPayload.allowed || reporter.role === 'admin') return forPayload;
  const episode = custody.episode;
  // ACC-5: first sight of a person (go-live into full prisons) opens a record where it is reported.
  if (!episode || !episode.establishment) return allow('ACC-5');
  const holds = reporter.establishments.includes(episode.establishment);
  // ACC-4: a person at liberty may be received by any prison, but not dated before that release
  // (which would let a stranger's reception reach into the episode another prison closed).
  if (event.type === IntakeEventType.ReceptionReceived && episode.closedAt !== null) {
    return holds || occurredAt.toISOString() >= episode.closedAt
      ? allow('ACC-4')
      : refuse('ACC-4', NOT_HELD);
  }
  // ACC-3: everything else, late events included, is for the prison that holds the person now
  // (or, after a release, the prison that released them).
  return holds ? allow('ACC-3') : refuse('ACC-3', NOT_HELD);
}

// One reason for every custody refusal: it never says where, or whether, the person is held.
const NOT_HELD = 'the person is not held at an establishment of this key';
