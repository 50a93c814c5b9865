import {
  BridgingScriptIssuedV1,
  ConsentEventType,
  ConsentRecordedV1,
  DirRecordedV1,
  INTAKE_PAYLOADS,
  NaloxoneRecordedV1,
  NoticeDueEventType,
  NoticeDueV1,
  OstPlanRecordedV1,
  PersonRecordEventType,
  RiskOverrideRecordedV1,
  Topics,
} from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

// What continuity takes from each topic it reads, checked against the contract at start.
export const INTAKE_ACCEPTED = consumes(Topics.IntakeAccepted, INTAKE_PAYLOADS);
export const PERSON_RECORD = consumes(Topics.PersonRecord, {
  [PersonRecordEventType.DirRecorded]: DirRecordedV1,
  [PersonRecordEventType.OstPlanRecorded]: OstPlanRecordedV1,
  [PersonRecordEventType.NaloxoneRecorded]: NaloxoneRecordedV1,
  [PersonRecordEventType.BridgingScriptIssued]: BridgingScriptIssuedV1,
});
export const NOTICES_DUE = consumes(Topics.NoticeDue, { [NoticeDueEventType]: NoticeDueV1 });
export const CONSENT = consumes(Topics.Consent, {
  [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
  [ConsentEventType.RiskOverrideRecorded]: RiskOverrideRecordedV1,
});

/** Any event continuity acts on: each names the person in its data. */
export type ContinuityEvent =
  | EventOf<typeof INTAKE_ACCEPTED>
  | EventOf<typeof PERSON_RECORD>
  | EventOf<typeof NOTICES_DUE>
  | EventOf<typeof CONSENT>;
