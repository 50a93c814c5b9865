import { NoticeDueEventType, NoticeDueV1, Topics } from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

/** Notices falling due (planner, continuity), as the notifier takes them. */
export const NOTICES_DUE = consumes(Topics.NoticeDue, { [NoticeDueEventType]: NoticeDueV1 });

export type NoticeDueEvent = EventOf<typeof NOTICES_DUE>;
