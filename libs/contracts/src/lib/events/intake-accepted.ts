import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

import type { CloudEvent } from '../envelope';
import { IsCalendarDate } from '../validation/calendar-date.decorator';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';
import type { IntakePayload } from './intake-events';

/** What an accepted intake event changed on the person's record. Wire values: never rename. */
export const CUSTODY_CHANGES = [
  'RECEIVED',
  'TRANSFERRED',
  'RELEASE_PLANNED',
  'RELEASE_REPLANNED',
  'RELEASE_CANCELLED',
  'DISCHARGED',
  'RELEASED_FROM_COURT',
  'RECORDED_LATE',
  /** A provisional discharge or court release withdrawn: the episode is open again (REL-09). */
  'RELEASE_RETRACTED',
] as const;
export type CustodyChange = (typeof CUSTODY_CHANGES)[number];

/**
 * CloudEvents extension attributes on `throughcare.intake-accepted.v1`. `data` is the contract
 * payload unchanged; the hub's verdict travels beside it.
 */
export interface IntakeAcceptedExtensions {
  episodeid: string;
  custodychange: CustodyChange;
  /** For a re-plan, a cancellation or a release: the release date that was planned before. */
  previousreleasedate?: string;
  /** When the fact happened at the prison (ISO 8601). */
  occurredat: string;
  /**
   * The person's latest consent version when the event was accepted (0: none). Carried onto the
   * notices the event causes, so the notifier never decides them under an older consent.
   */
  consentversion?: number;
}

export type IntakeAcceptedEvent = CloudEvent<IntakePayload> & IntakeAcceptedExtensions;

/**
 * The extension attributes of `throughcare.intake-accepted.v1`, validated on arrival like `data`
 * (the consumer runner checks them before a handler sees the event).
 */
export class IntakeAcceptedExtensionsV1 implements IntakeAcceptedExtensions {
  @IsString() @MinLength(1) @MaxLength(200) episodeid!: string;
  @IsIn(CUSTODY_CHANGES) custodychange!: CustodyChange;
  @IsOptional() @IsCalendarDate(PLANNED) previousreleasedate?: string;
  @IsInstant(HAPPENED) occurredat!: string;
  @IsOptional() @IsInt() @Min(0) consentversion?: number;
}
