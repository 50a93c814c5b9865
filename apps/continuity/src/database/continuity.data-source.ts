import { createDataSourceOptions } from '@throughcare/persistence';

import { CreateContinuityTables1763800000200 } from '../migrations/1763800000200-CreateContinuityTables';
import { ReleaseMedicationNeedEntity } from '../release-needs/release-medication-need.entity';

export const CONTINUITY_SCHEMA = 'continuity';

export function continuityDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: CONTINUITY_SCHEMA,
    applicationName: 'throughcare-continuity',
    entities: [ReleaseMedicationNeedEntity],
    migrations: [CreateContinuityTables1763800000200],
  });
}
