import { RetentionModule as ServiceRetentionModule } from '@throughcare/persistence';

import { API_CONFIG } from '../config/api.config';
import { API_RETENTION_RULES } from './api-retention.rules';

/**
 * Deletes what the api holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in api-retention.rules.ts
 * (docs/security/database-roles-and-retention.md).
 */
export const RetentionModule = ServiceRetentionModule.forRoot({
  rules: API_RETENTION_RULES,
  configToken: API_CONFIG,
});
