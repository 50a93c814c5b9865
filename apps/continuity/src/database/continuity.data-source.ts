import { createDataSourceOptions } from '@throughcare/persistence';

import { CreateContinuityTables1763800000200 } from '../migrations/1763800000200-CreateContinuityTables';
import { PersonContinuity1763900001000 } from '../migrations/1763900001000-PersonContinuity';
import { CommunityDirHandoff1763900001100 } from '../migrations/1763900001100-CommunityDirHandoff';
import { ConsentVersionSeen1764900000300 } from '../migrations/1764900000300-ConsentVersionSeen';
import {
  ContinuityNoticeEntity,
  PersonContinuityEntity,
} from '../person-continuity/person-continuity.entity';

export const CONTINUITY_SCHEMA = 'continuity';

export function continuityDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: CONTINUITY_SCHEMA,
    applicationName: 'throughcare-continuity',
    entities: [PersonContinuityEntity, ContinuityNoticeEntity],
    migrations: [
      CreateContinuityTables1763800000200,
      PersonContinuity1763900001000,
      CommunityDirHandoff1763900001100,
      ConsentVersionSeen1764900000300,
    ],
  });
}
