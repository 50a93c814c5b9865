import {
  IntakeEventType,
  type CourtReleaseV1,
  type ReceptionReceivedV1,
  type ReleaseDischargedV1,
  type TransferCompletedV1,
} from '@throughcare/contracts';

import type { CustodyMovement } from './dir-episodes';

// The API reads a person's history with these and the continuity service its movements as they
// arrive: one reading of the intake events, so both place a DIR in the same custody episode.

type Movement<K extends CustodyMovement['kind']> = Extract<CustodyMovement, { kind: K }>;

export function receptionMovement(data: ReceptionReceivedV1): Movement<'RECEPTION'> {
  return {
    kind: 'RECEPTION',
    at: data.receivedAt,
    establishment: data.establishment,
    cjitCaseload: data.cjitCaseload?.organisationId ?? null,
  };
}

export function transferMovement(data: TransferCompletedV1): Movement<'TRANSFER'> {
  return {
    kind: 'TRANSFER',
    at: data.transferredAt,
    fromEstablishment: data.fromEstablishment,
    toEstablishment: data.toEstablishment,
  };
}

export function dischargeMovement(data: ReleaseDischargedV1): Movement<'RELEASE'> {
  return {
    kind: 'RELEASE',
    at: data.dischargedAt,
    establishment: data.establishment,
    how: 'DISCHARGE',
  };
}

export function courtReleaseMovement(data: CourtReleaseV1): Movement<'RELEASE'> {
  return {
    kind: 'RELEASE',
    at: data.releasedAt,
    establishment: data.holdingEstablishment,
    how: 'COURT',
  };
}

/** The move an accepted intake event records, or null for one that moves no one. */
export function custodyMovementOf(type: string, payload: object): CustodyMovement | null {
  switch (type) {
    case IntakeEventType.ReceptionReceived:
      return receptionMovement(payload as ReceptionReceivedV1);
    case IntakeEventType.TransferCompleted:
      return transferMovement(payload as TransferCompletedV1);
    case IntakeEventType.ReleaseDischarged:
      return dischargeMovement(payload as ReleaseDischargedV1);
    case IntakeEventType.CourtReleaseReleased:
      return courtReleaseMovement(payload as CourtReleaseV1);
    default:
      return null;
  }
}
