import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { Outbox } from '@throughcare/messaging';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { MilestoneEntity } from './milestone.entity';
import { noticeDueMessage } from './notice-due.message';
import { ReleasePlanEntity } from './release-plan.entity';

export type FireOutcome = 'FIRED' | 'NOT_PENDING' | 'NOT_YET_DUE';

/**
 * A milestone's timer went off. Under a row lock: if it is still pending and due, mark it SENT
 * and write its notice-due event in the same transaction, so it fires exactly once however many
 * timers (stale, duplicated, re-armed after a Redis loss) reach it.
 */
@Injectable()
export class FireMilestoneHandler {
  private readonly logger = new Logger(FireMilestoneHandler.name);
  private readonly fired: Counter<'kind'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.fired = new Counter({
      name: 'throughcare_milestones_fired_total',
      help: 'Release milestones fired by their timer, by kind',
      labelNames: ['kind'],
      registers: [registry],
    });
  }

  async execute(milestoneId: string): Promise<FireOutcome> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<[FireOutcome, MilestoneEntity | null]> => {
        const milestone = await manager.findOne(MilestoneEntity, {
          where: { id: milestoneId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!milestone || milestone.status !== 'PENDING') return ['NOT_PENDING', milestone];
        if (milestone.dueAt.getTime() > now.getTime()) return ['NOT_YET_DUE', milestone];
        const plan = await manager.findOneByOrFail(ReleasePlanEntity, {
          prisonNumber: milestone.prisonNumber,
        });
        const sent = { ...milestone, status: 'SENT' as const, sentAt: now };
        await manager.update(
          MilestoneEntity,
          { id: milestone.id },
          { status: 'SENT', sentAt: now },
        );
        await this.outbox.write(manager, [noticeDueMessage(sent, plan, now)]);
        return ['FIRED', milestone];
      },
    );
    const [result, milestone] = outcome;
    if (result === 'FIRED' && milestone) {
      this.fired.inc({ kind: milestone.kind });
      this.logger.log(`milestone ${milestoneId} (${milestone.kind}) fired`);
    }
    return result;
  }
}
