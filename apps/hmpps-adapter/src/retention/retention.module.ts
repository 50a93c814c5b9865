import { RetentionModule as ServiceRetentionModule } from '@throughcare/persistence';

import { HMPPS_ADAPTER_CONFIG } from '../config/hmpps-adapter.config';
import { HMPPS_ADAPTER_RETENTION_RULES } from './hmpps-adapter-retention.rules';

/** Deletes the adapter's rows past RETENTION_PERSON_DATA_DAYS, at start and every sweep interval. */
export const RetentionModule = ServiceRetentionModule.forRoot({
  rules: HMPPS_ADAPTER_RETENTION_RULES,
  configToken: HMPPS_ADAPTER_CONFIG,
});
