import type { ClassConstructor } from 'class-transformer';

import { BridgingScriptIssuedV1, DirRecordedV1 } from './continuity/person-record-events.v1';
import { NaloxoneRecordedV1, OstPlanRecordedV1 } from './continuity/person-record-events.v1';
import { ContinuityRecordV1 } from './continuity/continuity-record.v1';
import { ConsentRecordedV1, RiskOverrideRecordedV1 } from './consent/consent.v1';
import {
  DeliveryReplayRequestedV1,
  DeliveryUpdatedV1,
  EndpointDisabledV1,
  SubscriptionEnabledV1,
  SubscriptionSecretRotatedV1,
} from './delivery/delivery.v1';
import { DeliveryAcknowledgedV1 } from './delivery/acknowledgement.v1';
import { OrganisationContactsChangedV1, OrganisationV1 } from './directory/organisation.v1';
import { SubscriptionRegisteredV1 } from './directory/subscription.v1';
import {
  ConsentEventType,
  ContinuityEventType,
  DeliveryEventType,
  DirectoryEventType,
  DisclosureDecidedEventType,
  IntakeEventType,
  NoticeDueEventType,
  PersonRecordEventType,
} from './event-types';
import { CourtReleaseV1 } from './events/court-release.v1';
import { DisclosureDecidedV1 } from './events/disclosure-decided.v1';
import { IntakeAcceptedExtensionsV1 } from './events/intake-accepted';
import { NoticeDueV1 } from './events/notice-due.v1';
import { ReceptionReceivedV1 } from './events/reception-received.v1';
import { ReleaseCancelledV1 } from './events/release-cancelled.v1';
import { ReleaseDischargedV1 } from './events/release-discharged.v1';
import { ReleasePlannedV1 } from './events/release-planned.v1';
import { ReleaseRetractedV1 } from './events/release-retracted.v1';
import { TransferCompletedV1 } from './events/transfer-completed.v1';
import { Topics, type Topic } from './topics';

/** Every intake event's payload class by CloudEvents type (the accepted-events topic carries all). */
export const INTAKE_PAYLOADS = {
  [IntakeEventType.ReceptionReceived]: ReceptionReceivedV1,
  [IntakeEventType.TransferCompleted]: TransferCompletedV1,
  [IntakeEventType.ReleasePlanned]: ReleasePlannedV1,
  [IntakeEventType.ReleaseCancelled]: ReleaseCancelledV1,
  [IntakeEventType.ReleaseDischarged]: ReleaseDischargedV1,
  [IntakeEventType.CourtReleaseReleased]: CourtReleaseV1,
  [IntakeEventType.ReleaseRetracted]: ReleaseRetractedV1,
} as const;

/**
 * The message classes each topic carries, by CloudEvents type: the catalogue a consumer's
 * declaration is checked against at start (libs/messaging `consumes`), as the BullMQ side checks
 * JOBS_BY_QUEUE. docs/asyncapi.yaml lists the same (a unit test keeps them equal).
 */
export const TOPIC_MESSAGES = {
  [Topics.Reception]: {
    [IntakeEventType.ReceptionReceived]: ReceptionReceivedV1,
  },
  [Topics.Transfer]: {
    [IntakeEventType.TransferCompleted]: TransferCompletedV1,
  },
  [Topics.Release]: {
    [IntakeEventType.ReleasePlanned]: ReleasePlannedV1,
    [IntakeEventType.ReleaseCancelled]: ReleaseCancelledV1,
    [IntakeEventType.ReleaseDischarged]: ReleaseDischargedV1,
    [IntakeEventType.ReleaseRetracted]: ReleaseRetractedV1,
  },
  [Topics.CourtRelease]: {
    [IntakeEventType.CourtReleaseReleased]: CourtReleaseV1,
  },
  [Topics.IntakeAccepted]: INTAKE_PAYLOADS,
  [Topics.Directory]: {
    [DirectoryEventType.OrganisationRegistered]: OrganisationV1,
    [DirectoryEventType.OrganisationContactsChanged]: OrganisationContactsChangedV1,
    [DirectoryEventType.SubscriptionRegistered]: SubscriptionRegisteredV1,
    [DirectoryEventType.SubscriptionSecretRotated]: SubscriptionSecretRotatedV1,
    [DirectoryEventType.SubscriptionEnabled]: SubscriptionEnabledV1,
  },
  [Topics.NoticeDue]: {
    [NoticeDueEventType]: NoticeDueV1,
  },
  [Topics.Consent]: {
    [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
    [ConsentEventType.RiskOverrideRecorded]: RiskOverrideRecordedV1,
  },
  [Topics.DisclosureDecided]: {
    [DisclosureDecidedEventType]: DisclosureDecidedV1,
  },
  [Topics.Delivery]: {
    [DeliveryEventType.DeliveryUpdated]: DeliveryUpdatedV1,
    [DeliveryEventType.EndpointDisabled]: EndpointDisabledV1,
  },
  [Topics.DeliveryCommand]: {
    [DeliveryEventType.ReplayRequested]: DeliveryReplayRequestedV1,
    [DeliveryEventType.Acknowledged]: DeliveryAcknowledgedV1,
  },
  [Topics.PersonRecord]: {
    [PersonRecordEventType.DirRecorded]: DirRecordedV1,
    [PersonRecordEventType.OstPlanRecorded]: OstPlanRecordedV1,
    [PersonRecordEventType.NaloxoneRecorded]: NaloxoneRecordedV1,
    [PersonRecordEventType.BridgingScriptIssued]: BridgingScriptIssuedV1,
  },
  [Topics.Continuity]: {
    [ContinuityEventType.RecordUpdated]: ContinuityRecordV1,
  },
} as const satisfies Record<Topic, Readonly<Record<string, ClassConstructor<object>>>>;

/** CloudEvents extension attributes a topic's envelopes carry, validated like `data`. */
export const TOPIC_EXTENSIONS = {
  [Topics.IntakeAccepted]: IntakeAcceptedExtensionsV1,
} as const satisfies Partial<Record<Topic, ClassConstructor<object>>>;

/** The message classes `topic` carries, by CloudEvents type. */
export type MessagesOn<T extends Topic> = (typeof TOPIC_MESSAGES)[T];

/** The extension attributes on `topic` (none: an empty object). */
export type ExtensionsOn<T extends Topic> = T extends keyof typeof TOPIC_EXTENSIONS
  ? InstanceType<(typeof TOPIC_EXTENSIONS)[T]>
  : Record<never, never>;
