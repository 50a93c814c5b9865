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
 * How OST continues on release (contract.md §3; requirements MED-02..MED-04):
 * - COMMUNITY_DOSE_BOOKED: a community service gives the dose (002_1eed16caf82e2044.txt:707);
 * - BRIDGING_SCRIPT: an FP10 / FP10MDA carries it to the first community prescribing
 *   appointment (002_1eed16caf82e2044.txt:708, 004_4d2725de1c348b75.txt:563);
 * - NONE: released without a supply, by a recorded decision (002_1eed16caf82e2044.txt:709).
 */
export const OST_ARRANGEMENTS = ['COMMUNITY_DOSE_BOOKED', 'BRIDGING_SCRIPT', 'NONE'] as const;
export type OstArrangement = (typeof OST_ARRANGEMENTS)[number];

export class PharmacyV1 {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

/** "an appointment already scheduled for attendance following release" (002_1eed16caf82e2044.txt:703). */
export class CommunityAppointmentV1 {
  @IsDefined() @IsInstant(PLANNED) at!: string;

  /** The community service that gives the dose or sees the person. */
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;

  /** Liaison with community pharmacy is part of the plan (002_1eed16caf82e2044.txt:655). */
  @IsOptional() @ValidateNested() @Type(() => PharmacyV1) pharmacy?: PharmacyV1;
}

/** `PUT /v1/people/{prisonNumber}/ost-plan`: each PUT replaces the plan; the history is kept. */
export class OstPlanV1 {
  @IsIn(OST_ARRANGEMENTS) arrangement!: OstArrangement;

  /**
   * Required for COMMUNITY_DOSE_BOOKED. With BRIDGING_SCRIPT it is the first community
   * prescribing appointment the script must reach (004_4d2725de1c348b75.txt:563).
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

  /** Why the person leaves without a supply: NONE only, and then mandatory (002_1eed16caf82e2044.txt:709). */
  @ValidateIf((plan: OstPlanV1) => plan.arrangement === 'NONE' || plan.reason !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;

  /** When prompt re-assessment on release is planned for: NONE only, and then mandatory (002_1eed16caf82e2044.txt:709). */
  @ValidateIf(
    (plan: OstPlanV1) => plan.arrangement === 'NONE' || plan.reassessmentPlannedFor !== undefined,
  )
  @IsDefined({ message: 'reassessmentPlannedFor is required when arrangement is NONE' })
  @IsInstant(PLANNED)
  reassessmentPlannedFor?: string;

  /** The last dose given in prison: it covers the first 24 hours (002_1eed16caf82e2044.txt:707). */
  @IsOptional() @IsInstant(PLANNED) lastPrisonDoseAt?: string | null;

  /**
   * Who recorded it and when. Optional because contract.md §6's example has neither (its field
   * names are binding): the API keeps the caller's organisation and the time of receipt anyway.
   */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) recordedBy?: string;
  @IsOptional() @IsInstant(HAPPENED) recordedAt?: string;
}
