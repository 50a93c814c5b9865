import { createDataSourceOptions } from '@throughcare/persistence';

import { DisclosureDecisionEntity } from '../audit/disclosure-decision.entity';
import { ConsentStateEntity } from '../consent/consent-state.entity';
import { NoticeAwaitingConsentEntity } from '../consent/notice-awaiting-consent.entity';
import { PersonContinuityEntity } from '../continuity/person-continuity.entity';
import { RiskOverrideEntity } from '../consent/risk-override.entity';
import { DeliveryAttemptEntity } from '../delivery/delivery-attempt.entity';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { AcknowledgementDeadlineEntity } from '../escalation/acknowledgement-deadline.entity';
import { EscalationStepEntity } from '../escalation/escalation-step.entity';
import { CreateNotifierTables1763800000300 } from '../migrations/1763800000300-CreateNotifierTables';
import { ConsentAndDisclosureAudit1763800000400 } from '../migrations/1763800000400-ConsentAndDisclosureAudit';
import { DeliveryChannelsAndEndpointHealth1763800000500 } from '../migrations/1763800000500-DeliveryChannelsAndEndpointHealth';
import { PersonContinuity1763800000600 } from '../migrations/1763800000600-PersonContinuity';
import { NoticeAwaitingConsent1764900000200 } from '../migrations/1764900000200-NoticeAwaitingConsent';
import { RetentionPurge1765000000100 } from '../migrations/1765000000100-RetentionPurge';
import { AcknowledgementDeadlines1766200000100 } from '../migrations/1766200000100-AcknowledgementDeadlines';
import { NoticeEntity } from '../notices/notice.entity';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';

export const NOTIFIER_SCHEMA = 'notifier';

/** Read and insert only for the runtime role (the disclosure audit; its trigger refuses too). */
export const NOTIFIER_APPEND_ONLY_TABLES = ['disclosure_decision'] as const;

export function notifierDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: NOTIFIER_SCHEMA,
    applicationName: 'throughcare-notifier',
    entities: [
      RecipientOrganisationEntity,
      WebhookSubscriptionEntity,
      NoticeEntity,
      DeliveryEntity,
      DeliveryAttemptEntity,
      DisclosureDecisionEntity,
      ConsentStateEntity,
      RiskOverrideEntity,
      PersonContinuityEntity,
      NoticeAwaitingConsentEntity,
      AcknowledgementDeadlineEntity,
      EscalationStepEntity,
    ],
    migrations: [
      CreateNotifierTables1763800000300,
      ConsentAndDisclosureAudit1763800000400,
      DeliveryChannelsAndEndpointHealth1763800000500,
      PersonContinuity1763800000600,
      NoticeAwaitingConsent1764900000200,
      RetentionPurge1765000000100,
      AcknowledgementDeadlines1766200000100,
    ],
  });
}
