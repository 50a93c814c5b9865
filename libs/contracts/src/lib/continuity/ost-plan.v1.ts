import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { ORGANISATION_ID_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';

/**
 * How OST continues on release (docs/hub-interface.md §3; OST-01 to OST-04):
 * - COMMUNITY_DOSE_BOOKED: a community service gives the dose (OST-02);
 * - BRIDGING_SCRIPT: an FP10 / FP10MDA carries it to the first community prescribing
 *   appointment (OST-03);
 * - NONE: released without a supply, by a recorded decision (OST-04).
 */
export const OST_ARRANGEMENTS = ['COMMUNITY_DOSE_BOOKED', 'BRIDGING_SCRIPT', 'NONE'] as const;
export type OstArrangement = (typeof OST_ARRANGEMENTS)[number];

export class PharmacyV1 {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

/** "an appointment already scheduled for attendance following release" (OST-01). */
export class CommunityAppointmentV1 {
  @IsDefined() @IsInstant(PLANNED) at!: string;

  /** The community service that gives the dose or sees the person. */
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;

  /** Liaison with community pharmacy is part of the plan (REL-01). */
  @IsOptional() @ValidateNested() @Type(() => PharmacyV1) pharmacy?: PharmacyV1;
}

/** `PUT /v1/people/{prisonNumber}/ost-plan`: each PUT replaces the plan; the history is kept. */
export class OstPlanV1 {
  @IsIn(OST_ARRANGEMENTS) arrangement!: OstArrangement;

  /**
   * Required for COMMUNITY_DOSE_BOOKED. With BRIDGING_SCRIPT it is the first community
   * prescribing appointment the script must reach (OST-03).
   */
  @ValidateIf(
    (plan: OstPlanV1) =>
      plan.arrangement === 'COMMUNITY_DOSE_BOOKED' || plan.communityAppointment !== undefined,
  )
  @IsDefined({
    message: 'communityAppointment is required when arrangement is COMMUNITY_DOSE_BOOKED',
  })
  @ValidateNested()
  @Type(() => CommunityAppointmentV1)
  communityAppointment?: CommunityAppointmentV1;

  /** Why the person leaves without a supply: NONE only, and then mandatory (OST-04). */
  @ValidateIf((plan: OstPlanV1) => plan.arrangement === 'NONE' || plan.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  /** When prompt re-assessment on release is planned for: NONE only, and then mandatory (OST-04). */
  @ValidateIf(
    (plan: OstPlanV1) => plan.arrangement === 'NONE' || plan.reassessmentPlannedFor !== undefined,
  )
  @IsDefined({ message: 'reassessmentPlannedFor is required when arrangement is NONE' })
  @IsInstant(PLANNED)
  reassessmentPlannedFor?: string;

  /** The last dose given in prison: it covers the first 24 hours (OST-02). */
  @IsOptional() @IsInstant(PLANNED) lastPrisonDoseAt?: string | null;

  /**
   * Who recorded it and when. Optional because docs/hub-interface.md §6's example has neither (its field
   * names are binding): the API keeps the caller's organisation and the time of receipt anyway.
   */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) recordedBy?: string;
  @IsOptional() @IsInstant(HAPPENED) recordedAt?: string;
}
