import { NoticeType, PersonRecordEventType, isMilestoneNoticeType } from '@throughcare/contracts';

import type {
  DirVersionEntity,
  NaloxoneRecordEntity,
  OstPlanRecordEntity,
} from '../person-record/person-record.entities';
import type { BridgingRequestEntity } from '../prescribing/bridging-request.entity';
import type { IssuedNoticeEntity } from './issued-notice.entity';
import { shortNoticeName, type TimelineEntry } from './timeline-entries';

export interface ContinuityOnRecord {
  dirs: DirVersionEntity[];
  ostPlans: OstPlanRecordEntity[];
  naloxone: NaloxoneRecordEntity[];
  bridgingRequests: BridgingRequestEntity[];
  notices: IssuedNoticeEntity[];
}

/**
 * The clinical-continuity part of the timeline: DIR versions, OST plans, naloxone outcomes,
 * bridging requests and the notices other than the three milestones. What happened and by whom
 * (organisation ids); the clinical content stays on the record.
 */
export function continuityEntries(onRecord: ContinuityOnRecord): TimelineEntry[] {
  return [
    ...onRecord.dirs.map((dir) => ({
      at: dir.createdAt.toISOString(),
      kind: 'dir' as const,
      type: PersonRecordEventType.DirRecorded,
      summary: `DIR v${dir.version} recorded at ${dir.holder} by ${dir.recordedByOrganisation}`,
      dirId: dir.dirId,
      version: dir.version,
    })),
    ...onRecord.ostPlans.map((plan) => ({
      at: plan.createdAt.toISOString(),
      kind: 'ost-plan' as const,
      type: PersonRecordEventType.OstPlanRecorded,
      summary: `OST plan v${plan.version}: ${plan.plan.arrangement} (by ${plan.recordedByOrganisation})`,
      version: plan.version,
    })),
    ...onRecord.naloxone.map((record) => ({
      at: record.createdAt.toISOString(),
      kind: 'naloxone' as const,
      type: PersonRecordEventType.NaloxoneRecorded,
      summary: `naloxone ${record.outcome.outcome} (by ${record.recordedByOrganisation})`,
    })),
    ...onRecord.bridgingRequests.flatMap(bridgingEntries),
    ...onRecord.notices
      // The milestone notices are shown as release_notice entries already (with their wording).
      .filter((notice) => !isMilestoneNoticeType(notice.noticeType))
      .map((notice) => ({
        at: notice.issuedAt.toISOString(),
        kind: 'notice' as const,
        type: notice.noticeType,
        summary: `${shortNoticeName(notice.noticeType)} issued${notice.milestone ? ` with the ${notice.milestone} notice` : ''}`,
        noticeId: notice.noticeId,
      })),
  ];
}

/** A bridging request: when it was opened for the prescribers, and when the script was issued. */
function bridgingEntries(request: BridgingRequestEntity): TimelineEntry[] {
  const cover = `covering ${request.view.coverFrom} until ${request.view.coverUntil}`;
  const opened: TimelineEntry = {
    at: request.openedAt.toISOString(),
    kind: 'bridging-request',
    type: NoticeType.BridgingScriptRequested,
    summary: `${request.urgent ? 'urgent ' : ''}bridging request opened at ${request.establishment} for the release on ${request.releaseDate}, ${cover}${request.status === 'CANCELLED' ? ' (since cancelled)' : ''}`,
    requestId: request.id,
  };
  if (!request.issued) return [opened];
  return [
    opened,
    {
      at: new Date(request.issued.issuedAt).toISOString(),
      kind: 'bridging-request',
      type: PersonRecordEventType.BridgingScriptIssued,
      summary: `${request.issued.form} bridging script issued at ${request.establishment}, covering until ${request.issued.coverUntil}`,
      requestId: request.id,
    },
  ];
}
