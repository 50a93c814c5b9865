import { createDataSourceOptions } from '@throughcare/persistence';

import { ApiKeyEntity } from '../auth/api-key.entity';
import { ConsentRecordEntity } from '../consent/consent-record.entity';
import { RiskOverrideEntity } from '../consent/risk-override.entity';
import { DeliveryReplayRequestEntity } from '../deliveries/delivery-replay-request.entity';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { OrganisationEntity } from '../directory/organisation.entity';
import { SubscriptionEntity } from '../directory/subscription.entity';
import { DisclosureRecordEntity } from '../disclosure-audit/disclosure-record.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { IntakeEventEntity } from '../intake/intake-event.entity';
import { CreateApiTables1763800000000 } from '../migrations/1763800000000-CreateApiTables';
import { CreatePersonRecord1763900000000 } from '../migrations/1763900000000-CreatePersonRecord';
import { CreateApiKeys1763900000100 } from '../migrations/1763900000100-CreateApiKeys';
import { CreateReleaseNotices1763900000200 } from '../migrations/1763900000200-CreateReleaseNotices';
import { CreateIdempotencyKeys1763900000300 } from '../migrations/1763900000300-CreateIdempotencyKeys';
import { CreateConsentRecords1763900000400 } from '../migrations/1763900000400-CreateConsentRecords';
import { CreateRiskOverrides1763900000500 } from '../migrations/1763900000500-CreateRiskOverrides';
import { CreateDisclosureRecords1763900000600 } from '../migrations/1763900000600-CreateDisclosureRecords';
import { CreateDeliveries1763900000700 } from '../migrations/1763900000700-CreateDeliveries';
import { SubscriptionHealthAndRotation1763900000800 } from '../migrations/1763900000800-SubscriptionHealthAndRotation';
import { CreateContinuityRecords1763900000900 } from '../migrations/1763900000900-CreateContinuityRecords';
import { ContinuityRecordRevisions1763900000910 } from '../migrations/1763900000910-ContinuityRecordRevisions';
import { RetentionPurge1765000000000 } from '../migrations/1765000000000-RetentionPurge';
import { AcknowledgementEntity } from '../acknowledgements/acknowledgement.entity';
import { CreateAcknowledgements1766200000000 } from '../migrations/1766200000000-CreateAcknowledgements';
import { PurgeAcknowledgementsWithPerson1766200000200 } from '../migrations/1766200000200-PurgeAcknowledgementsWithPerson';
import { CreateDeadLetterReplays1766100000000 } from '../migrations/1766100000000-CreateDeadLetterReplays';
import { PurgeStoodDownDeliveries1766150000000 } from '../migrations/1766150000000-PurgeStoodDownDeliveries';
import { FirstAdminKey1766000000000 } from '../migrations/1766000000000-FirstAdminKey';
import { IssuedNoticeEntity } from '../people/issued-notice.entity';
import {
  DirVersionEntity,
  NaloxoneRecordEntity,
  OstPlanRecordEntity,
} from '../person-record/person-record.entities';
import { BridgingRequestEntity } from '../prescribing/bridging-request.entity';
import { PersonEntity } from '../person/person.entity';
import { ReleaseNoticeEntity } from '../people/release-notice.entity';

export const API_SCHEMA = 'api';

/**
 * Read and insert only for the runtime role (consent history, risk overrides, the disclosure
 * audit, replay requests): their triggers refuse changes too.
 */
export const API_APPEND_ONLY_TABLES = [
  'consent_record',
  'risk_override',
  'disclosure_record',
  'delivery_replay_request',
  'dead_letter_replay',
] as const;

export function apiDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: API_SCHEMA,
    applicationName: 'throughcare-api',
    entities: [
      IntakeEventEntity,
      OrganisationEntity,
      SubscriptionEntity,
      PersonEntity,
      ApiKeyEntity,
      ReleaseNoticeEntity,
      IdempotencyKeyEntity,
      ConsentRecordEntity,
      RiskOverrideEntity,
      DisclosureRecordEntity,
      DeliveryEntity,
      DeliveryReplayRequestEntity,
      DirVersionEntity,
      OstPlanRecordEntity,
      NaloxoneRecordEntity,
      BridgingRequestEntity,
      IssuedNoticeEntity,
      AcknowledgementEntity,
    ],
    migrations: [
      CreateApiTables1763800000000,
      CreatePersonRecord1763900000000,
      CreateApiKeys1763900000100,
      CreateReleaseNotices1763900000200,
      CreateIdempotencyKeys1763900000300,
      CreateConsentRecords1763900000400,
      CreateRiskOverrides1763900000500,
      CreateDisclosureRecords1763900000600,
      CreateDeliveries1763900000700,
      SubscriptionHealthAndRotation1763900000800,
      CreateContinuityRecords1763900000900,
      ContinuityRecordRevisions1763900000910,
      RetentionPurge1765000000000,
      FirstAdminKey1766000000000,
      CreateDeadLetterReplays1766100000000,
      PurgeStoodDownDeliveries1766150000000,
      CreateAcknowledgements1766200000000,
      PurgeAcknowledgementsWithPerson1766200000200,
    ],
  });
}
