import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsUUID, Matches, ValidateNested } from 'class-validator';

import { ALL_NOTICE_TYPES, type NoticeType } from '../event-types';
import { PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { ReleasePlannedV1 } from './release-planned.v1';

export const MILESTONE_KINDS = ['SIX_WEEKS', 'TWO_DAYS', 'DAY_OF_RELEASE'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/**
 * `throughcare.notice.due` data: the planner says a notice is due now. The notifier routes it,
 * applies disclosure at send time and delivers it. `noticeId` is stable per notice, so the
 * notifier derives one delivery id per (notice, recipient).
 */
export class NoticeDueV1 {
  @IsUUID() noticeId!: string;
  @IsIn(ALL_NOTICE_TYPES) noticeType!: NoticeType;
  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;
  @IsIn(MILESTONE_KINDS) milestone!: MilestoneKind;
  @IsInstant() dueAt!: string;
  /** When the planner issued it: the due time, or later for a milestone already passed. */
  @IsInstant() issuedAt!: string;
  @IsBoolean() shortNotice!: boolean;
  @IsBoolean() fridayOrPreHoliday!: boolean;
  /** The release as planned when the notice fell due (the planner's row is the truth). */
  @IsDefined() @ValidateNested() @Type(() => ReleasePlannedV1) release!: Omit<
    ReleasePlannedV1,
    'occurredAt'
  >;
}
