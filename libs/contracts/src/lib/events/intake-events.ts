import type { ClassConstructor } from 'class-transformer';

import { IntakeEventType } from '../event-types';
import { Topics, type Topic } from '../topics';
import { CourtReleaseV1 } from './court-release.v1';
import { ReceptionReceivedV1 } from './reception-received.v1';
import { ReleaseCancelledV1 } from './release-cancelled.v1';
import { ReleaseDischargedV1 } from './release-discharged.v1';
import { ReleasePlannedV1 } from './release-planned.v1';
import { ReleaseRetractedV1 } from './release-retracted.v1';
import { TransferCompletedV1 } from './transfer-completed.v1';

export type IntakePayload =
  | ReceptionReceivedV1
  | TransferCompletedV1
  | ReleasePlannedV1
  | ReleaseCancelledV1
  | ReleaseDischargedV1
  | CourtReleaseV1
  | ReleaseRetractedV1;

/** Each intake event with its typed payload, as the hub's rules see it. */
export type IntakeEvent =
  | { type: typeof IntakeEventType.ReceptionReceived; data: ReceptionReceivedV1 }
  | { type: typeof IntakeEventType.TransferCompleted; data: TransferCompletedV1 }
  | { type: typeof IntakeEventType.ReleasePlanned; data: ReleasePlannedV1 }
  | { type: typeof IntakeEventType.ReleaseCancelled; data: ReleaseCancelledV1 }
  | { type: typeof IntakeEventType.ReleaseDischarged; data: ReleaseDischargedV1 }
  | { type: typeof IntakeEventType.CourtReleaseReleased; data: CourtReleaseV1 }
  | { type: typeof IntakeEventType.ReleaseRetracted; data: ReleaseRetractedV1 };

export interface IntakeEventSpec {
  topic: Topic;
  payload: ClassConstructor<object>;
  /** The path under /v1/events/ that accepts it over HTTP. */
  path: string;
}

/** The catalogue of intake events (docs/hub-interface.md §2 and §3): topic, payload class and HTTP path. */
export const INTAKE_EVENTS: Record<IntakeEventType, IntakeEventSpec> = {
  [IntakeEventType.ReceptionReceived]: {
    topic: Topics.Reception,
    payload: ReceptionReceivedV1,
    path: 'reception',
  },
  [IntakeEventType.TransferCompleted]: {
    topic: Topics.Transfer,
    payload: TransferCompletedV1,
    path: 'transfer',
  },
  [IntakeEventType.ReleasePlanned]: {
    topic: Topics.Release,
    payload: ReleasePlannedV1,
    path: 'release',
  },
  [IntakeEventType.ReleaseCancelled]: {
    topic: Topics.Release,
    payload: ReleaseCancelledV1,
    path: 'release-cancelled',
  },
  [IntakeEventType.ReleaseDischarged]: {
    topic: Topics.Release,
    payload: ReleaseDischargedV1,
    path: 'discharge',
  },
  [IntakeEventType.CourtReleaseReleased]: {
    topic: Topics.CourtRelease,
    payload: CourtReleaseV1,
    path: 'court-release',
  },
  [IntakeEventType.ReleaseRetracted]: {
    topic: Topics.Release,
    payload: ReleaseRetractedV1,
    path: 'release-retracted',
  },
};

export const INTAKE_TOPICS: readonly Topic[] = [
  Topics.Reception,
  Topics.Transfer,
  Topics.Release,
  Topics.CourtRelease,
];

/** Payload classes by CloudEvents type for the intake events that travel on `topic`. */
export function intakePayloadsOn(topic: string): Record<string, ClassConstructor<object>> {
  return Object.fromEntries(
    Object.entries(INTAKE_EVENTS)
      .filter(([, spec]) => spec.topic === topic)
      .map(([type, spec]) => [type, spec.payload]),
  );
}

/** Payload classes by CloudEvents type for every intake event (the accepted-events topic). */
export function intakePayloadsByType(): Record<string, ClassConstructor<object>> {
  return Object.fromEntries(
    Object.entries(INTAKE_EVENTS).map(([type, spec]) => [type, spec.payload]),
  );
}

/** The establishments an event is about: a prison key may post it if it holds one of them. */
export function establishmentsOf(event: IntakeEvent): string[] {
  switch (event.type) {
    case IntakeEventType.TransferCompleted:
      return [event.data.fromEstablishment, event.data.toEstablishment];
    case IntakeEventType.CourtReleaseReleased:
      return [event.data.holdingEstablishment];
    default:
      return [event.data.establishment];
  }
}

/** When the fact happened at the prison (its own timestamp), or `receivedAt` if it carries none. */
export function occurredAtOf(event: IntakeEvent, receivedAt: Date): Date {
  switch (event.type) {
    case IntakeEventType.ReceptionReceived:
      return new Date(event.data.receivedAt);
    case IntakeEventType.TransferCompleted:
      return new Date(event.data.transferredAt);
    case IntakeEventType.ReleaseDischarged:
      return new Date(event.data.dischargedAt);
    case IntakeEventType.CourtReleaseReleased:
      return new Date(event.data.releasedAt);
    default:
      return event.data.occurredAt ? new Date(event.data.occurredAt) : receivedAt;
  }
}
