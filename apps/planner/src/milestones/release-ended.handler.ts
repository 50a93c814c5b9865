import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  IntakeEventType,
  NoticeType,
  type CourtReleaseV1,
  type IntakeAcceptedExtensions,
  type NoticeCauseV1,
  type ReleaseCancelledV1,
  type ReleaseDischargedV1,
} from '@throughcare/contracts';
import { claimInboxEntry, writeOutbox, type ValidEvent } from '@throughcare/messaging';

import { PLANNER_SCHEMA } from '../database/planner.data-source';
import { MilestoneEntity } from './milestone.entity';
import { MilestoneTimers } from './milestone-timers.service';
import { lifecycleNoticeMessage } from './notice-due.message';
import { ReleasePlanEntity } from './release-plan.entity';

const CONSUMER = 'planner.release-ended';

type EndingData = ReleaseCancelledV1 | ReleaseDischargedV1 | CourtReleaseV1;

/**
 * A release was cancelled, or happened (discharge, court release): every milestone not yet sent
 * is stood down, and the lifecycle notice goes out at once (contract.md §4): `cancelled` to
 * everyone already told, `discharged`, or `unplanned` for a court release.
 */
@Injectable()
export class ReleaseEndedHandler {
  private readonly logger = new Logger(ReleaseEndedHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: MilestoneTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(event: ValidEvent): Promise<void> {
    const data = event.envelope.data as EndingData;
    const extensions = event.envelope as unknown as IntakeAcceptedExtensions;
    const now = this.clock.now();
    const stoodDown = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, PLANNER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return [];
      const pending = await manager.findBy(MilestoneEntity, {
        prisonNumber: data.prisonNumber,
        status: 'PENDING',
      });
      if (pending.length > 0)
        await manager.update(
          MilestoneEntity,
          pending.map((m) => m.id),
          { status: 'SUPERSEDED' },
        );
      await this.issueLifecycleNotice(manager, event.envelope.type, data, extensions, now);
      this.logger.log(
        `${event.envelope.type} ${event.envelope.id}: ${pending.length} pending milestone(s) stood down`,
      );
      return pending.map((m) => m.id);
    });
    await this.timers.disarm(stoodDown);
  }

  private async issueLifecycleNotice(
    manager: EntityManager,
    type: string,
    data: EndingData,
    extensions: IntakeAcceptedExtensions,
    now: Date,
  ): Promise<void> {
    const plan = await this.planInEpisode(manager, data.prisonNumber, extensions.episodeid);
    const sentInEpisode = await manager.countBy(MilestoneEntity, {
      prisonNumber: data.prisonNumber,
      episodeId: extensions.episodeid,
      status: 'SENT',
    });
    const noticeType = lifecycleNoticeType(type, sentInEpisode);
    if (!noticeType) return;
    const notice = {
      noticeType,
      prisonNumber: data.prisonNumber,
      episodeId: extensions.episodeid,
      plan,
      ...(extensions.previousreleasedate
        ? { previousReleaseDate: extensions.previousreleasedate }
        : {}),
      cause: causeOf(type, data, extensions.occurredat),
      consentVersion: extensions.consentversion,
    };
    await writeOutbox(manager, PLANNER_SCHEMA, [lifecycleNoticeMessage(notice, now)]);
  }

  /** The person's release plan, if it was made in this custody episode (not a previous one). */
  private async planInEpisode(
    manager: EntityManager,
    prisonNumber: string,
    episodeId: string,
  ): Promise<ReleasePlanEntity | null> {
    const plan = await manager.findOneBy(ReleasePlanEntity, { prisonNumber });
    if (!plan) return null;
    const fromThisEpisode = await manager.countBy(MilestoneEntity, {
      prisonNumber,
      episodeId,
      releaseEventId: plan.releaseEventId,
    });
    return fromThisEpisode > 0 ? plan : null;
  }
}

/** Cancelled goes only to those already told, so without an earlier notice there is none. */
function lifecycleNoticeType(type: string, sentInEpisode: number): NoticeType | null {
  if (type === IntakeEventType.ReleaseCancelled)
    return sentInEpisode > 0 ? NoticeType.Cancelled : null;
  if (type === IntakeEventType.ReleaseDischarged) return NoticeType.Discharged;
  if (type === IntakeEventType.CourtReleaseReleased) return NoticeType.Unplanned;
  return null;
}

function causeOf(type: string, data: EndingData, occurredAt: string): NoticeCauseV1 {
  const base = { type: type as IntakeEventType, eventId: data.eventId, occurredAt };
  if ('court' in data) {
    return {
      ...base,
      establishment: data.holdingEstablishment,
      court: data.court,
      reason: data.reason,
      ...(data.releaseArea ? { releaseArea: data.releaseArea } : {}),
    };
  }
  return {
    ...base,
    establishment: data.establishment,
    ...('reason' in data ? { reason: data.reason } : {}),
  };
}
