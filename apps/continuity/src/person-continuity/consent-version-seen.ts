import type { EntityManager } from 'typeorm';

import { ConsentEventType, IntakeEventType, NoticeDueEventType } from '@throughcare/contracts';

import type { ContinuityEvent } from './continuity-events.messages';

/**
 * The consent version an event tells continuity about (0: none): a consent version itself, the
 * version the API stamped on an intake event it accepted, or the one a planner notice carries.
 */
export function consentVersionCarriedBy(event: ContinuityEvent): number {
  switch (event.type) {
    case ConsentEventType.ConsentRecorded:
      return event.data.version;
    case NoticeDueEventType:
      return event.data.consentVersion ?? 0;
    case IntakeEventType.ReceptionReceived:
    case IntakeEventType.TransferCompleted:
    case IntakeEventType.ReleasePlanned:
    case IntakeEventType.ReleaseCancelled:
    case IntakeEventType.ReleaseDischarged:
    case IntakeEventType.CourtReleaseReleased:
    case IntakeEventType.ReleaseRetracted:
      return event.extensions.consentversion ?? 0;
    default:
      return 0;
  }
}

/**
 * Raises the person's highest consent version seen (under the person's row lock) and returns it:
 * every continuity notice carries it (issue 13), so the notifier never decides one under an
 * older consent than continuity knew of.
 */
export async function raiseConsentVersionSeen(
  manager: EntityManager,
  prisonNumber: string,
  seen: number,
): Promise<number> {
  const [rows] = (await manager.query(
    `UPDATE continuity.person_continuity SET consent_version = GREATEST(consent_version, $2)
      WHERE prison_number = $1 RETURNING consent_version`,
    [prisonNumber, seen],
  )) as [Array<{ consent_version: number }>, number];
  return Number(rows[0]?.consent_version ?? seen);
}
