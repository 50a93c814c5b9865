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

import { CONTINUITY_CONFIG, type ContinuityConfig } from '../config/continuity.config';
import { CONTINUITY_RETENTION_RULES } from './continuity-retention.rules';

/**
 * Deletes what the continuity holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in continuity-retention.rules.ts.
 */
@Injectable()
export class ContinuityRetentionSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ContinuityRetentionSweep.name);
  readonly schedule: RetentionSchedule;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
    @Inject(CONTINUITY_CONFIG) config: ContinuityConfig,
  ) {
    this.schedule = new RetentionSchedule({
      dataSource,
      rules: CONTINUITY_RETENTION_RULES,
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

@Module({ providers: [ContinuityRetentionSweep] })
export class RetentionModule {}
