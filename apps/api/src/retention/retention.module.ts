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

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { API_RETENTION_RULES } from './api-retention.rules';

/**
 * Deletes what the api holds past its retention (RETENTION_*), at start and every
 * RETENTION_SWEEP_INTERVAL_MS; the rules are in api-retention.rules.ts.
 */
@Injectable()
export class ApiRetentionSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ApiRetentionSweep.name);
  readonly schedule: RetentionSchedule;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.schedule = new RetentionSchedule({
      dataSource,
      rules: API_RETENTION_RULES,
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

@Module({ providers: [ApiRetentionSweep] })
export class RetentionModule {}
