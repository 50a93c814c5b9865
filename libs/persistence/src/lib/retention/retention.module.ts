import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { METRICS_REGISTRY } from '@throughcare/observability';

import type { RetentionPolicy } from './retention-policy';
import { describeSweep } from './retention-rules';
import { RetentionSchedule } from './retention-schedule';
import type { RetentionRule } from './retention-sweep';

export interface RetentionModuleOptions {
  /** The service's rules (`apps/<service>/src/retention/<service>-retention.rules.ts`). */
  rules: readonly RetentionRule[];
  /** The token of the service's configuration, which carries `retention` (ServiceConfig). */
  configToken: symbol;
}

const RETENTION_OPTIONS = Symbol('RetentionOptions');

/**
 * A service's retention job: a sweep at start and every RETENTION_SWEEP_INTERVAL_MS, counted
 * on /metrics (`throughcare_retention_deleted_total{rule}`, `..._sweep_failures_total`) and
 * logged as counts per rule, never content.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionSweeper.name);
  readonly schedule: RetentionSchedule;

  constructor(
    dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
    @Inject(RETENTION_OPTIONS)
    options: { rules: readonly RetentionRule[]; policy: RetentionPolicy },
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    const deleted = new Counter({
      name: 'throughcare_retention_deleted_total',
      help: 'Rows deleted by the retention sweep, by rule',
      labelNames: ['rule'],
      registers: [registry],
    });
    const failures = new Counter({
      name: 'throughcare_retention_sweep_failures_total',
      help: 'Retention sweeps that failed (the next one carries on)',
      registers: [registry],
    });
    this.schedule = new RetentionSchedule({
      dataSource,
      rules: options.rules,
      policy: options.policy,
      now: () => clock.now(),
      report: (outcome) => {
        if ('error' in outcome) failures.inc();
        else
          for (const [rule, count] of Object.entries(outcome.deleted)) deleted.inc({ rule }, count);
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

@Module({})
export class RetentionModule {
  static forRoot(options: RetentionModuleOptions): DynamicModule {
    return {
      module: RetentionModule,
      providers: [
        {
          provide: RETENTION_OPTIONS,
          inject: [options.configToken],
          useFactory: (config: { retention: RetentionPolicy }) => ({
            rules: options.rules,
            policy: config.retention,
          }),
        },
        RetentionSweeper,
      ],
    };
  }
}
