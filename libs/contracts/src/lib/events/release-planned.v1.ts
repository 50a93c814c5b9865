import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsDefined,
  MinLength,
} from 'class-validator';

import {
  ESTABLISHMENT_PATTERN,
  LOCAL_AUTHORITY_CODE_PATTERN,
  ORGANISATION_ID_PATTERN,
  PRISON_NUMBER_PATTERN,
} from '../identifiers';
import { IsCalendarDate } from '../validation/calendar-date.decorator';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';
import { IntakeSourceV1 } from './intake-source.v1';

export const RELEASE_TYPES = [
  'CONDITIONAL_RELEASE',
  'AUTOMATIC_RELEASE',
  'HOME_DETENTION_CURFEW',
  'PAROLE',
  'SENTENCE_EXPIRY',
  'REMAND_RELEASE',
] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

export const OST_MEDICINES = [
  'METHADONE',
  'BUPRENORPHINE',
  'BUPRENORPHINE_NALOXONE',
  'BUPRENORPHINE_PROLONGED_RELEASE',
] as const;
export type OstMedicine = (typeof OST_MEDICINES)[number];

export class OffenderManagerV1 {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsEmail() @MaxLength(254) email!: string;
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;
}

export class SupervisionV1 {
  @IsBoolean() onLicence!: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => OffenderManagerV1)
  offenderManager?: OffenderManagerV1;
}

export class ReleaseAreaV1 {
  @Matches(LOCAL_AUTHORITY_CODE_PATTERN, {
    message: 'localAuthorityCode must be an ONS local authority code such as E08000035',
  })
  localAuthorityCode!: string;
}

export class ReleaseClinicalV1 {
  @IsBoolean() onOst!: boolean;

  @IsOptional()
  @IsIn(OST_MEDICINES)
  ostMedicine?: OstMedicine;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  doseMg?: number;

  @IsBoolean() opiateHistory!: boolean;
}

/** `throughcare.release.planned` data: a planned release, or a new date for the same episode. */
export class ReleasePlannedV1 {
  @IsUUID() eventId!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  @IsDefined() @IsCalendarDate(PLANNED) releaseDate!: string;

  @IsIn(RELEASE_TYPES) releaseType!: ReleaseType;

  @IsDefined() @ValidateNested() @Type(() => SupervisionV1) supervision!: SupervisionV1;

  @IsDefined() @ValidateNested() @Type(() => ReleaseAreaV1) releaseArea!: ReleaseAreaV1;

  @IsDefined() @ValidateNested() @Type(() => ReleaseClinicalV1) clinical!: ReleaseClinicalV1;

  /** When the fact happened at the prison; defaults to when the hub received it. */
  @IsOptional() @IsInstant(HAPPENED) occurredAt?: string;

  /** Set by a system reporting for a prison, e.g. the HMPPS adapter: the event it acted on. */
  @IsOptional() @ValidateNested() @Type(() => IntakeSourceV1) source?: IntakeSourceV1;
}
