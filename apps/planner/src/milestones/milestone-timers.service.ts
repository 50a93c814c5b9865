import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

import { CLOCK, type Clock } from '@throughcare/clock';
import { JobName, QueueName, milestoneTimerJobId, type JobPayloads } from '@throughcare/contracts';

import { PLANNER_CONFIG, type PlannerConfig } from '../config/planner.config';
import type { MilestoneEntity } from './milestone.entity';

/**
 * BullMQ delayed jobs as timers for milestone rows. The row is the truth; a timer is armed only
 * when its milestone falls due within the horizon, with one deterministic job id per milestone,
 * so arming twice is harmless and a lost timer is simply armed again by the reconciler.
 */
@Injectable()
export class MilestoneTimers {
  private readonly logger = new Logger(MilestoneTimers.name);

  constructor(
    @InjectQueue(QueueName.MilestoneTimers)
    private readonly queue: Queue<JobPayloads[JobName.FireMilestone]>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLANNER_CONFIG) private readonly config: PlannerConfig,
  ) {}

  /** True when the milestone is due within the horizon, so its timer belongs in Redis now. */
  withinHorizon(milestone: Pick<MilestoneEntity, 'dueAt'>): boolean {
    return this.clock.realMsUntil(milestone.dueAt) <= this.config.milestones.timerHorizonMs;
  }

  /** Arms the timers of the milestones within the horizon; returns how many. Never throws. */
  async arm(milestones: Array<Pick<MilestoneEntity, 'id' | 'dueAt'>>): Promise<number> {
    const soon = milestones.filter((m) => this.withinHorizon(m));
    if (soon.length === 0) return 0;
    try {
      // One round trip for the lot; a job id already in Redis is left as it is. A timer whose job
      // failed every attempt is not re-armed here: once overdue, the reconciler fires it itself.
      await this.queue.addBulk(
        soon.map((m) => ({
          name: JobName.FireMilestone,
          data: { milestoneId: m.id },
          opts: { jobId: milestoneTimerJobId(m.id), delay: this.clock.realMsUntil(m.dueAt) },
        })),
      );
      return soon.length;
    } catch (error) {
      // Redis unavailable: the rows stay PENDING and the reconciler arms them later.
      this.logger.warn(`could not arm ${soon.length} timer(s): ${(error as Error).message}`);
      return 0;
    }
  }

  /** Removes timers that must not fire (best effort: the fire handler re-checks the row). */
  async disarm(milestoneIds: string[]): Promise<void> {
    await Promise.all(
      milestoneIds.map((id) => this.queue.remove(milestoneTimerJobId(id)).catch(() => 0)),
    );
  }
}
