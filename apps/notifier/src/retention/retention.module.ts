import { RetentionModule as ServiceRetentionModule } from '@throughcare/persistence';

import { NOTIFIER_CONFIG } from '../config/notifier.config';
import { NOTIFIER_RETENTION_RULES } from './notifier-retention.rules';

/**
 * Deletes what the notifier holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in notifier-retention.rules.ts
 * (docs/security/database-roles-and-retention.md).
 */
export const RetentionModule = ServiceRetentionModule.forRoot({
  rules: NOTIFIER_RETENTION_RULES,
  configToken: NOTIFIER_CONFIG,
});
