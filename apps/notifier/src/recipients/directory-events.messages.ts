import {
  DirectoryEventType,
  OrganisationContactsChangedV1,
  OrganisationV1,
  SubscriptionEnabledV1,
  SubscriptionRegisteredV1,
  SubscriptionSecretRotatedV1,
  Topics,
} from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

/** Organisations and webhook subscriptions from the API's directory. */
export const DIRECTORY_EVENTS = consumes(Topics.Directory, {
  [DirectoryEventType.OrganisationRegistered]: OrganisationV1,
  [DirectoryEventType.OrganisationContactsChanged]: OrganisationContactsChangedV1,
  [DirectoryEventType.SubscriptionRegistered]: SubscriptionRegisteredV1,
  [DirectoryEventType.SubscriptionSecretRotated]: SubscriptionSecretRotatedV1,
  [DirectoryEventType.SubscriptionEnabled]: SubscriptionEnabledV1,
});

export type DirectoryEvent = EventOf<typeof DIRECTORY_EVENTS>;
