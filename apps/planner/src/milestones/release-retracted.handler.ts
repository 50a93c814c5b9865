import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { IntakeEventType, NoticeType } from '@throughcare/contracts';
import { Inbox, Outbox } from '@throughcare/messaging';

import type { IntakeAccepted } from './intake-accepted.messages';
import { MilestoneEntity } from './milestone.entity';
import { MilestoneTimers } from './milestone-timers.service';
import { lifecycleNoticeMessage } from './notice-due.message';
import { planInEpisode } from './release-ended.handler';
import type { ReleasePlanEntity } from './release-plan.entity';

const CONSUMER = 'planner.release-retracted';

/**
 * A provisional discharge or court release withdrawn (REL-09): the person never left. Everyone
 * told of the release hears `release.retracted` at once (the notifier routes it to them and
 * stands down a discharged or unplanned notice not yet sent), and the milestones the release
 * stood down are armed again, so the plan's remaining notices still go.
 */
@Injectable()
export class ReleaseRetractedHandler {
  private readonly logger = new Logger(ReleaseRetractedHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    private readonly timers: MilestoneTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(event: IntakeAccepted<typeof IntakeEventType.ReleaseRetracted>): Promise<void> {
    const { data, extensions } = event;
    const now = this.clock.now();
    const rearmed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, CONSUMER, event.envelope.id, event.topic))) return [];
      const plan = await planInEpisode(manager, data.prisonNumber, extensions.episodeid);
      // Only the plan the episode still holds (the API reports its date): not one cancelled before.
      const stands = plan !== null && plan.releaseDate === extensions.previousreleasedate;
      const milestones = stands ? await this.rearm(manager, plan, extensions.episodeid) : [];
      const notice = lifecycleNoticeMessage(
        {
          noticeType: NoticeType.Retracted,
          prisonNumber: data.prisonNumber,
          episodeId: extensions.episodeid,
          plan,
          cause: {
            type: IntakeEventType.ReleaseRetracted,
            eventId: data.eventId,
            occurredAt: extensions.occurredat,
            establishment: data.establishment,
          },
          consentVersion: extensions.consentversion,
        },
        now,
      );
      await this.outbox.write(manager, [notice]);
      this.logger.log(
        `release retracted ${data.eventId} (of ${data.retractedEventId}): ${milestones.length} milestone(s) armed again`,
      );
      return milestones;
    });
    // Timers after the commit, as for a new plan; one already overdue fires at once.
    await this.timers.arm(rearmed);
  }

  /** The plan's milestones the release stood down, of kinds this episode has not had yet. */
  private async rearm(
    manager: EntityManager,
    plan: ReleasePlanEntity,
    episodeId: string,
  ): Promise<MilestoneEntity[]> {
    const rows = await manager.findBy(MilestoneEntity, {
      prisonNumber: plan.prisonNumber,
      episodeId,
      status: In(['SUPERSEDED', 'SENT']),
    });
    const toRearm = milestonesToRearm(rows, plan.releaseEventId);
    if (toRearm.length > 0)
      await manager.update(
        MilestoneEntity,
        toRearm.map((m) => m.id),
        { status: 'PENDING' },
      );
    return toRearm.map((m) => ({ ...m, status: 'PENDING' }));
  }
}

/**
 * Which stood-down milestones a retraction arms again (REL-09): those of the standing plan, one
 * per kind, never a kind the episode already sent (a notice is never repeated).
 */
export function milestonesToRearm<
  M extends Pick<MilestoneEntity, 'kind' | 'status' | 'releaseEventId'>,
>(episodeMilestones: readonly M[], releaseEventId: string): M[] {
  const sentKinds = new Set(
    episodeMilestones.filter((m) => m.status === 'SENT').map((m) => m.kind),
  );
  const chosen = new Map<string, M>();
  for (const milestone of episodeMilestones) {
    if (milestone.status !== 'SUPERSEDED' || milestone.releaseEventId !== releaseEventId) continue;
    if (sentKinds.has(milestone.kind) || chosen.has(milestone.kind)) continue;
    chosen.set(milestone.kind, milestone);
  }
  return [...chosen.values()];
}
