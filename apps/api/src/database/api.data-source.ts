import { createDataSourceOptions } from '@throughcare/persistence';

import { ApiKeyEntity } from '../auth/api-key.entity';
import { OrganisationEntity } from '../directory/organisation.entity';
import { SubscriptionEntity } from '../directory/subscription.entity';
import { IntakeEventEntity } from '../intake/intake-event.entity';
import { CreateApiTables1763800000000 } from '../migrations/1763800000000-CreateApiTables';
import { CreatePersonRecord1763900000000 } from '../migrations/1763900000000-CreatePersonRecord';
import { CreateApiKeys1763900000100 } from '../migrations/1763900000100-CreateApiKeys';
import { CreateReleaseNotices1763900000200 } from '../migrations/1763900000200-CreateReleaseNotices';
import { PersonEntity } from '../people/person.entity';
import { ReleaseNoticeEntity } from '../people/release-notice.entity';

export const API_SCHEMA = 'api';

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
    ],
    migrations: [
      CreateApiTables1763800000000,
      CreatePersonRecord1763900000000,
      CreateApiKeys1763900000100,
      CreateReleaseNotices1763900000200,
    ],
  });
}
