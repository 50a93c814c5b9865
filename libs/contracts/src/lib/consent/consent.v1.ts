import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

import { PRISON_NUMBER_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED, PLANNED } from '../validation/time-bounds';

/**
 * The recipient classes a person consents to share with (docs/hub-interface.md §3; CON-01):
 * the community treatment provider, the release area's CJIT (CON-01),
 * probation / the offender manager (CON-01) and NDTMS
 * (CON-01).
 */
export const CONSENT_SCOPES = ['communityTreatment', 'cjit', 'probation', 'ndtms'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * `PUT /v1/people/{prisonNumber}/consent`: the whole consent state, as the person gave it.
 * Withdrawal is a new PUT with `false`; every PUT is a new version and the history is kept.
 */
export class ConsentV1 {
  @IsBoolean() communityTreatment!: boolean;
  @IsBoolean() cjit!: boolean;
  @IsBoolean() probation!: boolean;
  @IsBoolean() ndtms!: boolean;
  /** The person signed the release plan: nothing goes to the community before (CON-03). */
  @IsBoolean() releasePlanSigned!: boolean;
  /** The member of staff who recorded it (a name or staff id, not the person's). */
  @IsString() @MinLength(1) @MaxLength(100) recordedBy!: string;
  @IsInstant(HAPPENED) recordedAt!: string;
}

/** `throughcare.consent.recorded` data: a new consent version for one person. */
export class ConsentRecordedV1 extends ConsentV1 {
  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;
  /** 1 for the first record, then +1 per PUT; consumers apply only a newer version. */
  @IsInt() @Min(1) version!: number;
}

/** Grounds for disclosing without consent (CON-04). */
export const RISK_OVERRIDE_GROUNDS = [
  'LIFE_THREATENING',
  'SELF_HARM_OR_SUICIDE',
  'RISK_OF_HARM_TO_PERSON',
  'RISK_OF_HARM_TO_OTHERS',
] as const;
export type RiskOverrideGround = (typeof RISK_OVERRIDE_GROUNDS)[number];

/** The recipient classes a risk override may cover (NDTMS is never a risk recipient). */
export const RISK_OVERRIDE_SCOPES = ['communityTreatment', 'cjit', 'probation'] as const;
export type RiskOverrideScope = (typeof RISK_OVERRIDE_SCOPES)[number];

/** `POST /v1/people/{prisonNumber}/risk-override`: disclose without consent, always audited. */
export class RiskOverrideV1 {
  @IsIn(RISK_OVERRIDE_GROUNDS) ground!: RiskOverrideGround;
  /** Why: kept on the person's record in the API, never sent to recipients or logged. */
  @IsString() @MinLength(10) @MaxLength(2000) reason!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RISK_OVERRIDE_SCOPES.length)
  @ArrayUnique()
  @IsIn(RISK_OVERRIDE_SCOPES, { each: true })
  scope!: RiskOverrideScope[];
  /** Who authorised it (CON-04 "staff are expected to disclose"). */
  @IsString() @MinLength(1) @MaxLength(100) authorisedBy!: string;
  @IsInstant(HAPPENED) recordedAt!: string;
  /** Best practice is to seek consent first (CON-04). */
  @IsBoolean() consentSoughtFirst!: boolean;
  /** Sometimes without the prisoner's knowledge (CON-04). */
  @IsBoolean() personInformed!: boolean;
  /** When the override stops applying; absent means until the custody episode ends. */
  @IsOptional() @IsInstant(PLANNED) expiresAt?: string;
}

/**
 * `throughcare.consent.risk-override-recorded` data. The free-text reason stays in the API:
 * the notifier needs only what decides a disclosure.
 */
export class RiskOverrideRecordedV1 {
  @IsUUID() overrideId!: string;
  @Matches(PRISON_NUMBER_PATTERN, { message: 'prisonNumber must look like A1234BC' })
  prisonNumber!: string;
  @IsIn(RISK_OVERRIDE_GROUNDS) ground!: RiskOverrideGround;
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(RISK_OVERRIDE_SCOPES, { each: true })
  scope!: RiskOverrideScope[];
  @IsString() @MinLength(1) @MaxLength(100) authorisedBy!: string;
  @IsInstant(HAPPENED) recordedAt!: string;
  @IsOptional() @IsInstant(PLANNED) expiresAt?: string;
}
