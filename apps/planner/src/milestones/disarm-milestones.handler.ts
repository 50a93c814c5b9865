import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { claimInboxEntry, type ValidEvent } from '@throughcare/messaging';

import { PLANNER_SCHEMA } from '../database/planner.data-source';
import { MilestoneEntity } from './milestone.entity';

const CONSUMER = 'planner.disarm-milestones';

/**
 * A cancelled release, a discharge or a court release leaves nothing to count down to: every
 * milestone not yet sent is stood down, so no notice goes out for a release that will not happen.
 * (The `cancelled` and `discharged` notices themselves come with the planner issue.)
 */
@Injectable()
export class DisarmMilestonesHandler {
  private readonly logger = new Logger(DisarmMilestonesHandler.name);

  constructor(private readonly dataSource: DataSource) {}

  async execute(event: ValidEvent): Promise<void> {
    const { prisonNumber } = event.envelope.data as { prisonNumber: string };
    await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, PLANNER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return;
      const result = await manager.update(
        MilestoneEntity,
        { prisonNumber, status: 'PENDING' },
        { status: 'SUPERSEDED' },
      );
      this.logger.log(
        `${event.envelope.type} ${event.envelope.id}: ${result.affected ?? 0} pending milestone(s) stood down`,
      );
    });
  }
}
