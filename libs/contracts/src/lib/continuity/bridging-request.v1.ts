import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { ESTABLISHMENT_PATTERN, PRISON_NUMBER_PATTERN } from '../identifiers';
import { OST_MEDICINES, type OstMedicine } from '../events/release-planned.v1';
import { IsCalendarDate } from '../validation/calendar-date.decorator';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';
import { PharmacyV1 } from './ost-plan.v1';

/** NHS community prescription forms; FP10MDA dispenses in instalments (OST-03). */
export const PRESCRIPTION_FORMS = ['FP10', 'FP10MDA'] as const;
export type PrescriptionForm = (typeof PRESCRIPTION_FORMS)[number];

export const BRIDGING_REQUEST_STATUSES = ['OPEN', 'ISSUED', 'CANCELLED'] as const;
export type BridgingRequestStatus = (typeof BRIDGING_REQUEST_STATUSES)[number];

/** A planned release, or an unplanned one from court (OST-06). */
export const RELEASE_KINDS = ['PLANNED', 'COURT'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

/** The prescriber signs by hand (OST-07). */
export class PrescriberV1 {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  /** GMC, NMC or GPhC number. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(20) registrationNumber?: string;
}

/** `POST /v1/prescribing/bridging-requests/{id}/issued`: the prison prescriber issued the script. */
export class BridgingIssuedV1 {
  @IsIn(PRESCRIPTION_FORMS) form!: PrescriptionForm;
  @IsDefined() @ValidateNested() @Type(() => PrescriberV1) prescriber!: PrescriberV1;
  @IsInstant(HAPPENED) issuedAt!: string;
  /** The first day the script does not cover: the person collects or is seen that day. */
  @IsDefined() @IsCalendarDate(PLANNED) coverUntil!: string;
  /** Where it will be dispensed (REL-01, OST-07). */
  @IsOptional() @ValidateNested() @Type(() => PharmacyV1) pharmacy?: PharmacyV1;
}

/**
 * A bridging request, as `GET /v1/prescribing/bridging-requests` shows it to prison prescribers
 * (OST-03, OST-07).
 */
export class BridgingRequestV1 {
  @IsUUID() id!: string;

  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;

  /** The releasing prison (the holding prison for a court release). */
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  @IsIn(BRIDGING_REQUEST_STATUSES) status!: BridgingRequestStatus;
  @IsIn(RELEASE_KINDS) releaseKind!: ReleaseKind;
  @IsDefined() @IsCalendarDate(PLANNED) releaseDate!: string;

  /** A court release, or one opened after the two-day milestone: the prescriber acts today. */
  @IsBoolean() urgent!: boolean;
  @IsBoolean() fridayOrPreHoliday!: boolean;

  @IsInstant(HAPPENED) openedAt!: string;
  @IsDefined() @IsCalendarDate(PLANNED) coverFrom!: string;
  /** The first day the script need not cover: the next working day or the first community appointment, whichever is later. */
  @IsDefined() @IsCalendarDate(PLANNED) coverUntil!: string;

  @IsOptional() @IsIn(OST_MEDICINES) ostMedicine?: OstMedicine;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  doseMg?: number;

  @IsOptional() @IsInstant(PLANNED) lastPrisonDoseAt?: string;
  @IsOptional() @IsInstant(PLANNED) communityAppointmentAt?: string;

  @IsOptional() @ValidateNested() @Type(() => BridgingIssuedV1) issued?: BridgingIssuedV1;
}
