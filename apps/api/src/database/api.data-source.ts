import { createDataSourceOptions } from '@throughcare/persistence';

import { OrganisationEntity } from '../directory/organisation.entity';
import { SubscriptionEntity } from '../directory/subscription.entity';
import { IntakeEventEntity } from '../intake/intake-event.entity';
import { CreateApiTables1763800000000 } from '../migrations/1763800000000-CreateApiTables';

export const API_SCHEMA = 'api';

export function apiDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: API_SCHEMA,
    applicationName: 'throughcare-api',
    entities: [IntakeEventEntity, OrganisationEntity, SubscriptionEntity],
    migrations: [CreateApiTables1763800000000],
  });
}
