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

// The DIR's "common categories of information" (004_4d2725de1c348b75.txt:249) as codes, so the
// hub can route and count on them; the screening content of 002_1eed16caf82e2044.txt:591-602.
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

/** Engagement as the OM may hear it without consent (004_4d2725de1c348b75.txt:540-551). */
export const TREATMENT_STATUSES = [
  'ASSESSMENT_PENDING',
  'ACCESSING',
  'REFUSED',
  'WITHDRAWN',
  'NO_TREATMENT_NEEDED',
] as const;
export type TreatmentStatus = (typeof TREATMENT_STATUSES)[number];

/** Clinical and psychosocial treatment (002_1eed16caf82e2044.txt:460, outcome 1.6). */
export const TREATMENT_MODALITIES = [
  'OST_MAINTENANCE',
  'OST_REDUCTION',
  'OPIATE_DETOXIFICATION',
  'ALCOHOL_DETOXIFICATION',
  'PSYCHOSOCIAL',
] as const;
export type TreatmentModality = (typeof TREATMENT_MODALITIES)[number];

/** Previous treatment in the community or custody (004_4d2725de1c348b75.txt:145). */
export const PREVIOUS_TREATMENT = [
  'NONE',
  'COMMUNITY',
  'CUSTODY',
  'COMMUNITY_AND_CUSTODY',
] as const;
export type PreviousTreatment = (typeof PREVIOUS_TREATMENT)[number];

/**
 * The custody episode a DIR belongs to, named by the reception that opened it: one DIR per
 * person per custody episode, carried across transfers (004_4d2725de1c348b75.txt:260).
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

/** The CARAT / substance misuse keyworker (004_4d2725de1c348b75.txt:239). */
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

  /** Healthcare triage completes the DIR up to its healthcare section (004_4d2725de1c348b75.txt:270). */
  @IsOptional() @IsInstant(HAPPENED) healthcareSectionCompletedAt?: string;

  /** Then the CARAT (psychosocial) team completes the rest (004_4d2725de1c348b75.txt:270). */
  @IsOptional() @IsInstant(HAPPENED) caratSectionCompletedAt?: string;

  @IsArray()
  @ArrayMaxSize(SUBSTANCES.length)
  @ValidateNested({ each: true })
  @Type(() => SubstanceUseV1)
  substances!: SubstanceUseV1[];

  @IsDefined() @ValidateNested() @Type(() => DirTreatmentV1) treatment!: DirTreatmentV1;

  @IsOptional() @ValidateNested() @Type(() => KeyworkerV1) keyworker?: KeyworkerV1;

  /** The CJIT in the area of release, which gets the DIR with consent (004_4d2725de1c348b75.txt:272). */
  @IsOptional() @ValidateNested() @Type(() => CjitContactV1) cjit?: CjitContactV1;

  /**
   * Risk issues and the plans to manage them (002_1eed16caf82e2044.txt:591-602): part of the set
   * an OM may hear without consent (004_4d2725de1c348b75.txt:540-551), so keep them free of
   * clinical detail.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  riskIssues?: string[];

  /** Assessed future needs (004_4d2725de1c348b75.txt:540-551), same restriction as riskIssues. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  futureNeeds?: string[];

  /** Treatment planned after release (clinical: consent only, 004_4d2725de1c348b75.txt:537). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  treatmentPlanned?: string[];

  /** "whilst still allowing for free text" (004_4d2725de1c348b75.txt:249): bounded, clinical class. */
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;

  @IsString() @MinLength(1) @MaxLength(100) recordedBy!: string;
  @IsInstant(HAPPENED) recordedAt!: string;
}
