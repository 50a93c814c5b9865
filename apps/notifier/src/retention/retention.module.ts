import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { RetentionSchedule, describeSweep } from '@throughcare/persistence';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_RETENTION_RULES } from './notifier-retention.rules';

/**
 * Deletes what the notifier holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in notifier-retention.rules.ts.
 */
@Injectable()
export class NotifierRetentionSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotifierRetentionSweep.name);
  readonly schedule: RetentionSchedule;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
    @Inject(NOTIFIER_CONFIG) config: NotifierConfig,
  ) {
    this.schedule = new RetentionSchedule({
      dataSource,
      rules: NOTIFIER_RETENTION_RULES,
      policy: config.retention,
      now: () => clock.now(),
      report: (outcome) => {
        const line = describeSweep(outcome);
        if (line) this.logger[line.level](line.message);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  // Before the database pool closes at shutdown: a sweep in progress finishes its batch.
  async onModuleDestroy(): Promise<void> {
    await this.schedule.stop();
  }
}

@Module({ providers: [NotifierRetentionSweep] })
export class RetentionModule {}
