import { custodyMovementOf, type CustodyMovement } from '@throughcare/continuity-rules';

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
  return events.flatMap((event) => custodyMovementOf(event.type, event.payload) ?? []);
}
