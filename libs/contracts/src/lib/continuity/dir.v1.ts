import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { ESTABLISHMENT_PATTERN, ORGANISATION_ID_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { HAPPENED } from '../validation/time-bounds';

// The DIR's "common categories of information" (DIR-03) as codes, so the
// hub can route and count on them; the screening content of DIR-03.
export const SUBSTANCES = [
  'OPIATES',
  'CRACK_COCAINE',
  'COCAINE',
  'BENZODIAZEPINES',
  'AMPHETAMINES',
  'CANNABIS',
  'PSYCHOACTIVE_SUBSTANCES',
  'ALCOHOL',
  'OTHER',
] as const;
export type Substance = (typeof SUBSTANCES)[number];

export const ROUTES_OF_USE = ['INJECTED', 'SMOKED', 'SNORTED', 'ORAL', 'OTHER'] as const;
export type RouteOfUse = (typeof ROUTES_OF_USE)[number];

/** Engagement as the OM may hear it without consent (DIS-07). */
export const TREATMENT_STATUSES = [
  'ASSESSMENT_PENDING',
  'ACCESSING',
  'REFUSED',
  'WITHDRAWN',
  'NO_TREATMENT_NEEDED',
] as const;
export type TreatmentStatus = (typeof TREATMENT_STATUSES)[number];

/** Clinical and psychosocial treatment (DIR-03). */
export const TREATMENT_MODALITIES = [
  'OST_MAINTENANCE',
  'OST_REDUCTION',
  'OPIATE_DETOXIFICATION',
  'ALCOHOL_DETOXIFICATION',
  'PSYCHOSOCIAL',
] as const;
export type TreatmentModality = (typeof TREATMENT_MODALITIES)[number];

/** Previous treatment in the community or custody (DIR-03). */
export const PREVIOUS_TREATMENT = [
  'NONE',
  'COMMUNITY',
  'CUSTODY',
  'COMMUNITY_AND_CUSTODY',
] as const;
export type PreviousTreatment = (typeof PREVIOUS_TREATMENT)[number];

/**
 * The custody episode a DIR belongs to, named by the reception that opened it: one DIR per
 * person per custody episode, carried across transfers (DIR-01).
 */
export class CustodyEpisodeRefV1 {
  @IsDefined() @IsInstant(HAPPENED) receivedAt!: string;

  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;
}

export class SubstanceUseV1 {
  @IsIn(SUBSTANCES) substance!: Substance;
  @IsOptional() @IsIn(ROUTES_OF_USE) route?: RouteOfUse;
  /** The substance the person names as their main problem. */
  @IsBoolean() primary!: boolean;
}

export class DirTreatmentV1 {
  @IsIn(TREATMENT_STATUSES) status!: TreatmentStatus;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TREATMENT_MODALITIES.length)
  @IsIn(TREATMENT_MODALITIES, { each: true })
  modalities!: TreatmentModality[];

  @IsIn(PREVIOUS_TREATMENT) previousTreatment!: PreviousTreatment;
}

/** A blood-borne virus test result as healthcare records it (DIS-17). */
export const BBV_RESULTS = ['POSITIVE', 'NEGATIVE', 'NOT_TESTED', 'DECLINED_TEST'] as const;
export type BbvResult = (typeof BBV_RESULTS)[number];

/**
 * Healthcare's blood-borne virus status (HIV, hepatitis B and C): part of the DIR's healthcare
 * section (DIR-02), its own disclosure class (DIS-17): it goes with the DIR to a consented
 * community service under a signed plan and to the receiving prison, never to the OM.
 */
export class BbvStatusV1 {
  @IsOptional() @IsIn(BBV_RESULTS) hiv?: BbvResult;
  @IsOptional() @IsIn(BBV_RESULTS) hepatitisB?: BbvResult;
  @IsOptional() @IsIn(BBV_RESULTS) hepatitisC?: BbvResult;
  @IsOptional() @IsInstant(HAPPENED) testedAt?: string;
}

/** The CARAT / substance misuse keyworker (DIR-03). */
export class KeyworkerV1 {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class CjitContactV1 {
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;
}

/**
 * `PUT /v1/people/{prisonNumber}/dir`: the person's Drug Interventions Record for one custody
 * episode. The first PUT for an episode creates it; a later PUT is a new version of the same DIR
 * (earlier versions are kept), also from the prison the person was transferred to.
 */
export class DirV1 {
  @IsDefined()
  @ValidateNested()
  @Type(() => CustodyEpisodeRefV1)
  custodyEpisode!: CustodyEpisodeRefV1;

  /** The prison writing this version: it must hold the person at `recordedAt`. */
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  /** Healthcare triage completes the DIR up to its healthcare section (DIR-02). */
  @IsOptional() @IsInstant(HAPPENED) healthcareSectionCompletedAt?: string;

  /** Healthcare's blood-borne virus status (DIS-17): never to the OM. */
  @IsOptional() @ValidateNested() @Type(() => BbvStatusV1) bbvStatus?: BbvStatusV1;

  /** Then the CARAT (psychosocial) team completes the rest (DIR-02). */
  @IsOptional() @IsInstant(HAPPENED) caratSectionCompletedAt?: string;

  @IsArray()
  @ArrayMaxSize(SUBSTANCES.length)
  @ValidateNested({ each: true })
  @Type(() => SubstanceUseV1)
  substances!: SubstanceUseV1[];

  @IsDefined() @ValidateNested() @Type(() => DirTreatmentV1) treatment!: DirTreatmentV1;

  @IsOptional() @ValidateNested() @Type(() => KeyworkerV1) keyworker?: KeyworkerV1;

  /** The CJIT in the area of release, which gets the DIR with consent (DIR-04). */
  @IsOptional() @ValidateNested() @Type(() => CjitContactV1) cjit?: CjitContactV1;

  /**
   * Risk issues and the plans to manage them (DIR-03): part of the set
   * an OM may hear without consent (DIS-07), so keep them free of
   * clinical detail.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  riskIssues?: string[];

  /** Assessed future needs (DIS-07), same restriction as riskIssues. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  futureNeeds?: string[];

  /** Treatment planned after release (clinical: consent only, DIS-08). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  treatmentPlanned?: string[];

  /** "whilst still allowing for free text" (DIR-03): bounded, clinical class. */
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @IsString() @MinLength(1) @MaxLength(100) recordedBy!: string;
  @IsInstant(HAPPENED) recordedAt!: string;
}
