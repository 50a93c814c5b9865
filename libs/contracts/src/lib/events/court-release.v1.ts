import { Type } from 'class-transformer';
import {
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

export const COURT_RELEASE_REASONS = [
  'BAIL',
  'ACQUITTED',
  'CHARGES_DROPPED',
  'TIME_SERVED',
  'NON_CUSTODIAL_SENTENCE',
  'OTHER',
] as const;
export type CourtReleaseReason = (typeof COURT_RELEASE_REASONS)[number];

/** `throughcare.court-release.released`: released from court without returning (contract.md §3). */
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

  /** Often unknown at the moment of an unplanned release; then the holding prison's SPOC is told. */
  @IsOptional() @ValidateNested() @Type(() => ReleaseAreaV1) releaseArea?: ReleaseAreaV1;
}
