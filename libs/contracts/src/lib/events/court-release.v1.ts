import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';
import { ReleaseAreaV1 } from './release-planned.v1';
import { IntakeSourceV1 } from './intake-source.v1';

export const COURT_RELEASE_REASONS = [
  'BAIL',
  'ACQUITTED',
  'CHARGES_DROPPED',
  'TIME_SERVED',
  'NON_CUSTODIAL_SENTENCE',
  'OTHER',
] as const;
export type CourtReleaseReason = (typeof COURT_RELEASE_REASONS)[number];

/** `throughcare.court-release.released`: released from court without returning (docs/hub-interface.md §3). */
export class CourtReleaseV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @IsString() @MinLength(1) @MaxLength(200) court!: string;

  @Matches(ESTABLISHMENT_PATTERN, {
    message: 'holdingEstablishment must be a 3-letter prison code',
  })
  holdingEstablishment!: string;

  @IsDefined() @IsInstant(HAPPENED) releasedAt!: string;

  @IsIn(COURT_RELEASE_REASONS) reason!: CourtReleaseReason;

  /**
   * Reported before it is certain (the person may still come back from court): the notice says
   * so, and a `release-retracted` naming this eventId may withdraw it (REL-09).
   */
  @IsOptional() @IsBoolean() provisional?: boolean;

  /** Often unknown at the moment of an unplanned release; then the holding prison's SPOC is told. */
  @IsOptional() @ValidateNested() @Type(() => ReleaseAreaV1) releaseArea?: ReleaseAreaV1;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
