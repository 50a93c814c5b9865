import { createDataSourceOptions } from '@throughcare/persistence';

import { CreateHmppsAdapterTables1765100000100 } from '../migrations/1765100000100-CreateHmppsAdapterTables';
import { CreateCourtCandidates1765100000200 } from '../migrations/1765100000200-CreateCourtCandidates';
import { CreateProvisionalReleases1765100000300 } from '../migrations/1765100000300-CreateProvisionalReleases';

export const HMPPS_ADAPTER_SCHEMA = 'hmpps_adapter';

export function hmppsAdapterDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: HMPPS_ADAPTER_SCHEMA,
    applicationName: 'throughcare-hmpps-adapter',
    entities: [],
    migrations: [
      CreateHmppsAdapterTables1765100000100,
      CreateCourtCandidates1765100000200,
      CreateProvisionalReleases1765100000300,
    ],
  });
}
