import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { ALL_NOTICE_TYPES, IntakeEventType, NoticeType } from '../event-types';
import {
  ESTABLISHMENT_PATTERN,
  ORGANISATION_ID_PATTERN,
  PRISON_NUMBER_PATTERN,
} from '../identifiers';
import { IsCalendarDate } from '../validation/calendar-date.decorator';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';
import { ContinuityRecordV1 } from '../continuity/continuity-record.v1';
import { ReleaseAreaV1, ReleasePlannedV1 } from './release-planned.v1';

export const MILESTONE_KINDS = ['SIX_WEEKS', 'TWO_DAYS', 'DAY_OF_RELEASE'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** The planner's notice for each release milestone (docs/hub-interface.md §4). */
export const NOTICE_TYPE_OF_MILESTONE: Readonly<Record<MilestoneKind, NoticeType>> = {
  SIX_WEEKS: NoticeType.SixWeeks,
  TWO_DAYS: NoticeType.TwoDays,
  DAY_OF_RELEASE: NoticeType.DayOfRelease,
};

/** The three milestone notice types (continuity's own notices may carry a `milestone` too). */
export function isMilestoneNoticeType(noticeType: string): boolean {
  return (Object.values(NOTICE_TYPE_OF_MILESTONE) as string[]).includes(noticeType);
}

/** The custody event behind a lifecycle notice (rescheduled, cancelled, discharged, unplanned). */
export class NoticeCauseV1 {
  @IsIn(Object.values(IntakeEventType)) type!: IntakeEventType;
  @IsUUID() eventId!: string;
  @IsInstant(HAPPENED) occurredAt!: string;
  @IsOptional() @Matches(ESTABLISHMENT_PATTERN) establishment?: string;
  /** For a transfer: the prison the person moved to (the case file goes there). */
  @IsOptional() @Matches(ESTABLISHMENT_PATTERN) toEstablishment?: string;
  @IsOptional() @IsString() @MaxLength(200) court?: string;
  @IsOptional() @IsString() @MaxLength(40) reason?: string;
  @IsOptional() @ValidateNested() @Type(() => ReleaseAreaV1) releaseArea?: ReleaseAreaV1;
}

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
  /** The custody episode; lifecycle notices go to whoever had a notice in it. */
  @IsOptional() @IsString() @MaxLength(64) episodeId?: string;
  /** Set for the 6-week, 2-day and day-of-release notices. */
  @IsOptional() @IsIn(MILESTONE_KINDS) milestone?: MilestoneKind;
  @IsInstant(PLANNED) dueAt!: string;
  /** When the planner issued it: the due time, or later for a milestone already passed. */
  @IsInstant(HAPPENED) issuedAt!: string;
  @IsBoolean() shortNotice!: boolean;
  @IsBoolean() fridayOrPreHoliday!: boolean;
  /** The release as planned (the planner's row is the truth); absent when none was ever planned. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReleasePlannedV1)
  release?: Omit<ReleasePlannedV1, 'occurredAt'>;
  /** For a rescheduled or cancelled release: the date that was planned before. */
  @IsOptional() @IsCalendarDate(PLANNED) previousReleaseDate?: string;
  @IsOptional() @ValidateNested() @Type(() => NoticeCauseV1) cause?: NoticeCauseV1;
  /**
   * Set on the notices the continuity service issues: its record as of the notice, so the notifier
   * never renders a notice from an older copy than the one that caused it (the record also travels
   * on throughcare.continuity.v1; readers keep the highest revision).
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => ContinuityRecordV1)
  continuity?: ContinuityRecordV1;
  /** For a CJIT record request: the CJIT whose caseload holds the person (from the reception). */
  @IsOptional() @Matches(ORGANISATION_ID_PATTERN) organisationId?: string;
  /**
   * The person's consent version the API had acknowledged when it accepted the intake event
   * behind this notice (the `consentversion` attribute of throughcare.intake-accepted.v1). The
   * notifier decides the notice only once its copy of consent has reached this version (bounded
   * wait): a consent PUT answered before the release was accepted always governs its notices.
   * Absent or 0: no consent was on record.
   */
  @IsOptional() @IsInt() @Min(0) consentVersion?: number;
  /**
   * Set by the notifier, never on the topic: the release's current state sent once to a recipient
   * whose earlier notice was withheld for lack of consent, after a consent version allowed it.
   * Recipients see it as `data.late: true`.
   */
  @IsOptional() @IsBoolean() late?: boolean;
  /**
   * On a discharged or unplanned notice: the release was reported provisionally and may yet be
   * withdrawn by a `throughcare.notice.release.retracted` (REL-09). Recipients see `data.provisional: true`.
   */
  @IsOptional() @IsBoolean() provisional?: boolean;
}
