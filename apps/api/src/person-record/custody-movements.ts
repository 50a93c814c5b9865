import type { CustodyMovement } from '@throughcare/continuity-rules';
import {
  IntakeEventType,
  type CourtReleaseV1,
  type ReceptionReceivedV1,
  type ReleaseDischargedV1,
  type TransferCompletedV1,
} from '@throughcare/contracts';

/** An accepted intake event, as the API keeps it. */
export interface AcceptedIntakeEvent {
  type: string;
  payload: object;
}

/**
 * The person's movements into, between and out of prisons, read from the intake events the API
 * accepted: what libs/continuity-rules needs to place a DIR in its custody episode.
 */
export function custodyMovementsOf(events: readonly AcceptedIntakeEvent[]): CustodyMovement[] {
  return events.flatMap((event): CustodyMovement[] => {
    switch (event.type) {
      case IntakeEventType.ReceptionReceived: {
        const data = event.payload as ReceptionReceivedV1;
        return [
          {
            kind: 'RECEPTION',
            at: data.receivedAt,
            establishment: data.establishment,
            cjitCaseload: data.cjitCaseload?.organisationId ?? null,
          },
        ];
      }
      case IntakeEventType.TransferCompleted: {
        const data = event.payload as TransferCompletedV1;
        return [
          {
            kind: 'TRANSFER',
            at: data.transferredAt,
            fromEstablishment: data.fromEstablishment,
            toEstablishment: data.toEstablishment,
          },
        ];
      }
      case IntakeEventType.ReleaseDischarged: {
        const data = event.payload as ReleaseDischargedV1;
        return [
          {
            kind: 'RELEASE',
            at: data.dischargedAt,
            establishment: data.establishment,
            how: 'DISCHARGE',
          },
        ];
      }
      case IntakeEventType.CourtReleaseReleased: {
        const data = event.payload as CourtReleaseV1;
        return [
          {
            kind: 'RELEASE',
            at: data.releasedAt,
            establishment: data.holdingEstablishment,
            how: 'COURT',
          },
        ];
      }
      default:
        return [];
    }
  });
}
