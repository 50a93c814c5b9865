import { INTAKE_PAYLOADS, Topics, type IntakeEventType } from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

/** What the planner takes from the accepted-events topic: every intake event, with its verdict. */
export const INTAKE_ACCEPTED = consumes(Topics.IntakeAccepted, INTAKE_PAYLOADS);

/** An accepted intake event of type `K`, its data and extension attributes validated. */
export type IntakeAccepted<K extends IntakeEventType = IntakeEventType> = EventOf<
  typeof INTAKE_ACCEPTED,
  K
>;
