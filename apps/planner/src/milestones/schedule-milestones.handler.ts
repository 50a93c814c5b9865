import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { planMilestones, type MilestonePlan } from '@throughcare/calendar';
import { CLOCK, type Clock } from '@throughcare/clock';
import {
  IntakeEventType,
  NoticeType,
  type IntakeAcceptedExtensions,
  type ReleasePlannedV1,
} from '@throughcare/contracts';
import { Inbox, Outbox, PermanentEventError, type OutboxMessage } from '@throughcare/messaging';

import { PLANNER_CONFIG, type PlannerConfig } from '../config/planner.config';
import type { IntakeAccepted } from './intake-accepted.messages';
import { MilestoneEntity } from './milestone.entity';
import { lifecycleNoticeMessage, noticeDueMessage } from './notice-due.message';
import { MilestoneTimers } from './milestone-timers.service';
import { ReleasePlanEntity } from './release-plan.entity';

const CONSUMER = 'planner.schedule-milestones';

/**
 * A planned release (or a new date) becomes milestone rows. Milestones already passed go out at
 * once, marked shortNotice (docs/hub-interface.md §4); the rest wait for the due-milestone poller.
 */
@Injectable()
export class ScheduleMilestonesHandler {
  private readonly logger = new Logger(ScheduleMilestonesHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLANNER_CONFIG) private readonly config: PlannerConfig,
    private readonly timers: MilestoneTimers,
  ) {}

  async execute(event: IntakeAccepted<typeof IntakeEventType.ReleasePlanned>): Promise<void> {
    const release = event.data;
    const now = this.clock.now();
    const schedule = planMilestones(release.releaseDate, now, this.config.milestones);
    if (schedule.kind === 'REFUSED') throw new PermanentEventError(schedule.reason);
    const { pending, superseded } = await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, CONSUMER, event.envelope.id, event.topic))) {
        this.logger.log(`release ${event.envelope.id} already processed`);
        return { pending: [], superseded: [] };
      }
      const accepted = event.extensions;
      const plan = await this.savePlan(
        manager,
        release,
        schedule.fridayOrPreHoliday,
        accepted.consentversion ?? 0,
        now,
      );
      const episodeid = accepted.episodeid;
      const superseded = await this.supersedePending(manager, plan.prisonNumber);
      const milestones = await this.createMilestones(manager, plan, schedule, episodeid, now);
      const due = milestones.filter((m) => m.status === 'SENT');
      const rescheduled = await this.rescheduledNotice(manager, plan, accepted, release, now);
      const messages = [...rescheduled, ...due.map((m) => noticeDueMessage(m, plan, now))];
      await this.outbox.write(manager, messages);
      this.logger.log(
        `release ${release.eventId}: ${milestones.length} milestone(s), ${due.length} sent at once`,
      );
      return { pending: milestones.filter((m) => m.status === 'PENDING'), superseded };
    });
    // Timers after the commit: a timer never exists for a row that was rolled back.
    await this.timers.disarm(superseded);
    await this.timers.arm(pending);
  }

  private async savePlan(
    manager: EntityManager,
    release: ReleasePlannedV1,
    fridayOrPreHoliday: boolean,
    consentVersion: number,
    now: Date,
  ): Promise<ReleasePlanEntity> {
    // Who reported it (e.g. the HMPPS event behind it) is the intake's record, not the plan's.
    const { occurredAt: _occurredAt, source: _source, ...snapshot } = release;
    const plan: ReleasePlanEntity = {
      prisonNumber: release.prisonNumber,
      releaseEventId: release.eventId,
      releaseDate: release.releaseDate,
      fridayOrPreHoliday,
      release: snapshot,
      consentVersion,
      updatedAt: now,
    };
    await manager.upsert(ReleasePlanEntity, plan, ['prisonNumber']);
    return plan;
  }

  /** A new date for a release someone was already told about: tell them (docs/hub-interface.md §4). */
  private async rescheduledNotice(
    manager: EntityManager,
    plan: ReleasePlanEntity,
    accepted: IntakeAcceptedExtensions,
    release: ReleasePlannedV1,
    now: Date,
  ): Promise<OutboxMessage[]> {
    if (accepted.custodychange !== 'RELEASE_REPLANNED' || !accepted.previousreleasedate) return [];
    if (accepted.previousreleasedate === release.releaseDate) return [];
    const told = await manager.countBy(MilestoneEntity, {
      prisonNumber: plan.prisonNumber,
      episodeId: accepted.episodeid,
      status: 'SENT',
    });
    if (told === 0) return [];
    const cause = {
      type: IntakeEventType.ReleasePlanned,
      eventId: release.eventId,
      occurredAt: accepted.occurredat,
      establishment: release.establishment,
    };
    return [
      lifecycleNoticeMessage(
        {
          noticeType: NoticeType.Rescheduled,
          prisonNumber: plan.prisonNumber,
          episodeId: accepted.episodeid,
          plan,
          previousReleaseDate: accepted.previousreleasedate,
          cause,
          consentVersion: accepted.consentversion,
        },
        now,
      ),
    ];
  }

  /** A new date replaces the milestones not yet sent; returns their ids, to disarm. */
  private async supersedePending(manager: EntityManager, prisonNumber: string): Promise<string[]> {
    const pending = await manager.findBy(MilestoneEntity, { prisonNumber, status: 'PENDING' });
    if (pending.length > 0) {
      await manager.update(
        MilestoneEntity,
        pending.map((m) => m.id),
        { status: 'SUPERSEDED' },
      );
    }
    return pending.map((m) => m.id);
  }

  private async createMilestones(
    manager: EntityManager,
    plan: ReleasePlanEntity,
    schedule: Extract<MilestonePlan, { kind: 'PLANNED' }>,
    episodeId: string,
    now: Date,
  ): Promise<MilestoneEntity[]> {
    // A re-plan never repeats a notice this custody episode already had (docs/hub-interface.md §4).
    const alreadySent = await manager.findBy(MilestoneEntity, {
      prisonNumber: plan.prisonNumber,
      episodeId,
      status: 'SENT',
    });
    const sentKinds = new Set(alreadySent.map((m) => m.kind));
    const milestones = schedule.milestones
      .filter((m) => !sentKinds.has(m.kind))
      .map((m): MilestoneEntity => {
        // Already passed at planning: sent at once, once, marked shortNotice (docs/hub-interface.md §4).
        const passed = m.shortNotice;
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
