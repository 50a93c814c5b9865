import type { EntityManager } from 'typeorm';

import {
  ConsentEventType,
  NoticeDueEventType,
  type ConsentRecordedV1,
  type IntakeAcceptedExtensions,
  type NoticeDueV1,
} from '@throughcare/contracts';
import type { ValidEvent } from '@throughcare/messaging';

/**
 * The consent version an event tells continuity about (0: none): a consent version itself, the
 * version the API stamped on an intake event it accepted, or the one a planner notice carries.
 */
export function consentVersionCarriedBy(event: ValidEvent): number {
  const { envelope } = event;
  if (envelope.type === ConsentEventType.ConsentRecorded)
    return (envelope.data as ConsentRecordedV1).version;
  if (envelope.type === NoticeDueEventType)
    return (envelope.data as NoticeDueV1).consentVersion ?? 0;
  return (envelope as unknown as Partial<IntakeAcceptedExtensions>).consentversion ?? 0;
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
