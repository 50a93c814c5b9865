import {
  ConsentEventType,
  ConsentRecordedV1,
  RiskOverrideRecordedV1,
  Topics,
} from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

/** Consent versions and risk overrides recorded in the API, as the notifier takes them. */
export const CONSENT_EVENTS = consumes(Topics.Consent, {
  [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
  [ConsentEventType.RiskOverrideRecorded]: RiskOverrideRecordedV1,
});

export type ConsentEvent = EventOf<typeof CONSENT_EVENTS>;
