import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';

import { PLANNER_CONFIG, type PlannerConfig } from '../config/planner.config';
import { FireMilestoneHandler } from './fire-milestone.handler';
import { MilestoneEntity } from './milestone.entity';
import { MilestoneTimers } from './milestone-timers.service';

const BATCH = 1000;

/**
 * At start and periodically: fires every milestone already due (so a planner that was down, or
 * a timer Redis lost, still sends it, once) and arms the timers of those due within the horizon.
 * Redis keeps nothing on disk here, so this is what makes a flush or restart lose nothing.
 */
@Injectable()
export class MilestoneReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MilestoneReconciler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: MilestoneTimers,
    private readonly fireMilestone: FireMilestoneHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLANNER_CONFIG) private readonly config: PlannerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), this.config.milestones.reconcileIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many milestones were fired and armed. */
  async reconcile(): Promise<{ fired: number; armed: number }> {
    const pending = await this.dataSource
      .getRepository(MilestoneEntity)
      .createQueryBuilder('m')
      .select(['m.id', 'm.dueAt'])
      .where("m.status = 'PENDING'")
      .orderBy('m.due_at')
      .limit(BATCH)
      .getMany();
    const now = this.clock.now().getTime();
    const due = pending.filter((m) => m.dueAt.getTime() <= now);
    let fired = 0;
    for (const milestone of due)
      if ((await this.fireMilestone.execute(milestone.id)) === 'FIRED') fired += 1;
    const armed = await this.timers.arm(pending.filter((m) => m.dueAt.getTime() > now));
    if (fired > 0) this.logger.log(`reconciler fired ${fired} overdue milestone(s)`);
    return { fired, armed };
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.reconcile()
      .catch((error: Error) => this.logger.warn(`reconcile failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
