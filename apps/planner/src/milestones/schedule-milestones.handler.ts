import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { isFridayOrPreHoliday, localDate, releaseMilestones } from '@throughcare/calendar';
import { CLOCK, type Clock } from '@throughcare/clock';
import type { IntakeAcceptedExtensions, ReleasePlannedV1 } from '@throughcare/contracts';
import {
  PermanentEventError,
  claimInboxEntry,
  writeOutbox,
  type ValidEvent,
} from '@throughcare/messaging';

import { PLANNER_CONFIG, type PlannerConfig } from '../config/planner.config';
import { PLANNER_SCHEMA } from '../database/planner.data-source';
import { MilestoneEntity } from './milestone.entity';
import { noticeDueMessage } from './notice-due.message';
import { ReleasePlanEntity } from './release-plan.entity';

const CONSUMER = 'planner.schedule-milestones';

/**
 * A planned release (or a new date) becomes milestone rows. Milestones already passed go out at
 * once, marked shortNotice (contract.md §4); the rest wait for the due-milestone poller.
 */
@Injectable()
export class ScheduleMilestonesHandler {
  private readonly logger = new Logger(ScheduleMilestonesHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLANNER_CONFIG) private readonly config: PlannerConfig,
  ) {}

  async execute(event: ValidEvent): Promise<void> {
    const release = event.envelope.data as ReleasePlannedV1;
    const now = this.clock.now();
    if (release.releaseDate < localDate(now, this.config.milestones.zone)) {
      throw new PermanentEventError('releaseDate is in the past');
    }
    await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, PLANNER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      ) {
        this.logger.log(`release ${event.envelope.id} already processed`);
        return;
      }
      const plan = await this.savePlan(manager, release, now);
      const { episodeid } = event.envelope as unknown as IntakeAcceptedExtensions;
      const milestones = await this.replacePendingMilestones(manager, plan, episodeid, now);
      const due = milestones.filter((m) => m.status === 'SENT');
      await writeOutbox(
        manager,
        PLANNER_SCHEMA,
        due.map((m) => noticeDueMessage(m, plan, now)),
      );
      this.logger.log(
        `release ${release.eventId}: ${milestones.length} milestone(s), ${due.length} sent at once`,
      );
    });
  }

  private async savePlan(
    manager: EntityManager,
    release: ReleasePlannedV1,
    now: Date,
  ): Promise<ReleasePlanEntity> {
    const { occurredAt: _occurredAt, ...snapshot } = release;
    const plan: ReleasePlanEntity = {
      prisonNumber: release.prisonNumber,
      releaseEventId: release.eventId,
      releaseDate: release.releaseDate,
      fridayOrPreHoliday: isFridayOrPreHoliday(
        release.releaseDate,
        this.config.milestones.bankHolidays,
      ),
      release: snapshot,
      updatedAt: now,
    };
    await manager.upsert(ReleasePlanEntity, plan, ['prisonNumber']);
    return plan;
  }

  private async replacePendingMilestones(
    manager: EntityManager,
    plan: ReleasePlanEntity,
    episodeId: string,
    now: Date,
  ): Promise<MilestoneEntity[]> {
    await manager.update(
      MilestoneEntity,
      { prisonNumber: plan.prisonNumber, status: 'PENDING' },
      { status: 'SUPERSEDED' },
    );
    // A re-plan never repeats a notice this custody episode already had (contract.md §4).
    const alreadySent = await manager.findBy(MilestoneEntity, {
      prisonNumber: plan.prisonNumber,
      episodeId,
      status: 'SENT',
    });
    const sentKinds = new Set(alreadySent.map((m) => m.kind));
    const milestones = releaseMilestones(plan.releaseDate, this.config.milestones)
      .filter((m) => !sentKinds.has(m.kind))
      .map((m): MilestoneEntity => {
        const passed = m.dueAt.getTime() <= now.getTime();
        return {
          id: randomUUID(),
          prisonNumber: plan.prisonNumber,
          releaseEventId: plan.releaseEventId,
          episodeId,
          kind: m.kind,
          dueAt: m.dueAt,
          status: passed ? 'SENT' : 'PENDING',
          shortNotice: passed,
          sentAt: passed ? now : null,
        };
      });
    if (milestones.length > 0) await manager.insert(MilestoneEntity, milestones);
    return milestones;
  }
}
