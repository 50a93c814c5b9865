import { RetentionModule as ServiceRetentionModule } from '@throughcare/persistence';

import { PLANNER_CONFIG } from '../config/planner.config';
import { PLANNER_RETENTION_RULES } from './planner-retention.rules';

/**
 * Deletes what the planner holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in planner-retention.rules.ts
 * (docs/security/database-roles-and-retention.md).
 */
export const RetentionModule = ServiceRetentionModule.forRoot({
  rules: PLANNER_RETENTION_RULES,
  configToken: PLANNER_CONFIG,
});
