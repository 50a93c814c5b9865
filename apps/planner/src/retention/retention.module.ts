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

import { PLANNER_CONFIG, type PlannerConfig } from '../config/planner.config';
import { PLANNER_RETENTION_RULES } from './planner-retention.rules';

/**
 * Deletes what the planner holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in planner-retention.rules.ts.
 */
@Injectable()
export class PlannerRetentionSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PlannerRetentionSweep.name);
  readonly schedule: RetentionSchedule;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
    @Inject(PLANNER_CONFIG) config: PlannerConfig,
  ) {
    this.schedule = new RetentionSchedule({
      dataSource,
      rules: PLANNER_RETENTION_RULES,
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

@Module({ providers: [PlannerRetentionSweep] })
export class RetentionModule {}
