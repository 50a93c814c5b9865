import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { writeOutbox } from '@throughcare/messaging';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { PLANNER_CONFIG, type PlannerConfig } from '../config/planner.config';
import { PLANNER_SCHEMA } from '../database/planner.data-source';
import { MilestoneEntity } from './milestone.entity';
import { noticeDueMessage } from './notice-due.message';
import { ReleasePlanEntity } from './release-plan.entity';

const BATCH_SIZE = 100;

/**
 * Fires milestones whose time has come. The row is claimed with SKIP LOCKED and marked SENT in
 * the same transaction as its outbox event, so a milestone fires once even across restarts.
 */
@Injectable()
export class DueMilestonesPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DueMilestonesPoller.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly fired: Counter<'kind'>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLANNER_CONFIG) private readonly config: PlannerConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.fired = new Counter({
      name: 'throughcare_milestones_fired_total',
      help: 'Release milestones fired on time by the poller, by kind',
      labelNames: ['kind'],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.fireDue()
        .catch((error: Error) => this.logger.warn(`due milestone poll failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.milestones.pollIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Fires every milestone due now; returns how many fired. */
  async fireDue(): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const due = await manager
        .createQueryBuilder(MilestoneEntity, 'm')
        .where("m.status = 'PENDING' AND m.due_at <= :now", { now })
        .orderBy('m.due_at')
        .limit(BATCH_SIZE)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (due.length === 0) return 0;
      const plans = await manager.findBy(
        ReleasePlanEntity,
        due.map((m) => ({ prisonNumber: m.prisonNumber })),
      );
      const planByPerson = new Map(plans.map((p) => [p.prisonNumber, p]));
      const messages = due.flatMap((milestone) => {
        const plan = planByPerson.get(milestone.prisonNumber);
        return plan
          ? [noticeDueMessage({ ...milestone, status: 'SENT', sentAt: now }, plan, now)]
          : [];
      });
      await manager.update(
        MilestoneEntity,
        due.map((m) => m.id),
        { status: 'SENT', sentAt: now },
      );
      await writeOutbox(manager, PLANNER_SCHEMA, messages);
      for (const milestone of due) this.fired.inc({ kind: milestone.kind });
      this.logger.log(`fired ${due.length} milestone(s)`);
      return due.length;
    });
  }
}
