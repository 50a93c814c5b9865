import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';

import {
  JOBS_BY_QUEUE,
  JobName,
  QueueName,
  type JobPayloads,
  type QueueJobs,
} from '@throughcare/contracts';

import { FireMilestoneHandler } from './fire-milestone.handler';
import { MilestoneTimers } from './milestone-timers.service';

/** Runs milestone timers. A timer that went off early (a clock jump back) is simply re-armed. */
@Processor(QueueName.MilestoneTimers, { concurrency: 20 })
export class MilestoneTimerProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(MilestoneTimerProcessor.name);

  constructor(
    private readonly fireMilestone: FireMilestoneHandler,
    private readonly timers: MilestoneTimers,
  ) {
    super();
  }

  onModuleInit(): void {
    const handled: JobName[] = [JobName.FireMilestone];
    const missing = JOBS_BY_QUEUE[QueueName.MilestoneTimers].filter(
      (name) => !handled.includes(name),
    );
    if (missing.length > 0) throw new Error(`no handler for jobs ${missing.join(', ')}`);
  }

  async process(job: Job<JobPayloads[JobName.FireMilestone]>): Promise<void> {
    const name = job.name as QueueJobs[QueueName.MilestoneTimers];
    switch (name) {
      case JobName.FireMilestone:
        return this.fire(job.data.milestoneId);
      default: {
        const unknown: never = name;
        throw new Error(`unknown job ${String(unknown)}`);
      }
    }
  }

  private async fire(milestoneId: string): Promise<void> {
    if ((await this.fireMilestone.execute(milestoneId)) === 'NOT_YET_DUE') {
      this.logger.warn(
        `timer for milestone ${milestoneId} went off early; the reconciler re-arms it`,
      );
    }
  }
}
