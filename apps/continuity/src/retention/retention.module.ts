import { RetentionModule as ServiceRetentionModule } from '@throughcare/persistence';

import { CONTINUITY_CONFIG } from '../config/continuity.config';
import { CONTINUITY_RETENTION_RULES } from './continuity-retention.rules';

/**
 * Deletes what the continuity holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in continuity-retention.rules.ts
 * (docs/security/database-roles-and-retention.md).
 */
export const RetentionModule = ServiceRetentionModule.forRoot({
  rules: CONTINUITY_RETENTION_RULES,
  configToken: CONTINUITY_CONFIG,
});
