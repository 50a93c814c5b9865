import { ContinuityEventType, ContinuityRecordV1, Topics } from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

/** The continuity service's record of a person, as the notifier takes it. */
export const CONTINUITY_RECORDS = consumes(Topics.Continuity, {
  [ContinuityEventType.RecordUpdated]: ContinuityRecordV1,
});

export type ContinuityRecordEvent = EventOf<typeof CONTINUITY_RECORDS>;
