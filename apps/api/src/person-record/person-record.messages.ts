import { randomUUID } from 'node:crypto';

import { Topics, buildCloudEvent, type PersonRecordEventType } from '@throughcare/contracts';
import type { OutboxMessage } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

/** A write on the person record, for the continuity service (throughcare.person-record.v1). */
export function personRecordMessage(
  type: PersonRecordEventType,
  data: { prisonNumber: string },
  now: Date,
): OutboxMessage {
  return {
    topic: Topics.PersonRecord,
    key: data.prisonNumber,
    event: buildCloudEvent({
      id: randomUUID(),
      type,
      subject: data.prisonNumber,
      time: now,
      data,
      correlationId: correlationIdOrNew(),
    }),
  };
}
