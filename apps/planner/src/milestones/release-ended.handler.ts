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
import { Inbox, Outbox } from '@throughcare/messaging';

import type { IntakeAccepted } from './intake-accepted.messages';
import { MilestoneEntity } from './milestone.entity';
import { MilestoneTimers } from './milestone-timers.service';
import { lifecycleNoticeMessage } from './notice-due.message';
import { ReleasePlanEntity } from './release-plan.entity';

const CONSUMER = 'planner.release-ended';

type EndingData = ReleaseCancelledV1 | ReleaseDischargedV1 | CourtReleaseV1;
type EndingType =
  | typeof IntakeEventType.ReleaseCancelled
  | typeof IntakeEventType.ReleaseDischarged
  | typeof IntakeEventType.CourtReleaseReleased;

/**
 * A release was cancelled, or happened (discharge, court release): every milestone not yet sent
 * is stood down, and the lifecycle notice goes out at once (docs/hub-interface.md §4): `cancelled` to
 * everyone already told, `discharged`, or `unplanned` for a court release.
 */
@Injectable()
export class ReleaseEndedHandler {
  private readonly logger = new Logger(ReleaseEndedHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    private readonly timers: MilestoneTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(event: IntakeAccepted<EndingType>): Promise<void> {
    const { data, extensions } = event;
    const now = this.clock.now();
    const stoodDown = await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, CONSUMER, event.envelope.id, event.topic))) return [];
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
      // Told before it is certain: the notice says so, and a retraction may follow (REL-09).
      provisional: 'provisional' in data && data.provisional === true,
    };
    await this.outbox.write(manager, [lifecycleNoticeMessage(notice, now)]);
  }

  private planInEpisode(
    manager: EntityManager,
    prisonNumber: string,
    episodeId: string,
  ): Promise<ReleasePlanEntity | null> {
    return planInEpisode(manager, prisonNumber, episodeId);
  }
}

/** The person's release plan, if it was made in this custody episode (not a previous one). */
export async function planInEpisode(
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
