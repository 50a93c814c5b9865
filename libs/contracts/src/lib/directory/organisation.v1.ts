import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import {
  ESTABLISHMENT_PATTERN,
  LOCAL_AUTHORITY_CODE_PATTERN,
  ORGANISATION_ID_PATTERN,
} from '../identifiers';

export const ORGANISATION_TYPES = ['COMMUNITY_PROVIDER', 'CJIT', 'PROBATION', 'PRISON'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export class SpocV1 {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsEmail() @MaxLength(254) email!: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

/** `POST /v1/organisations` body, and the data of `organisation-registered`. */
export class OrganisationV1 {
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;

  @IsIn(ORGANISATION_TYPES) type!: OrganisationType;

  @IsString() @MinLength(1) @MaxLength(200) name!: string;

  // Community organisations cover local authority areas; prisons cover establishments.
  @ValidateIf((o: OrganisationV1) => o.type !== 'PRISON' || o.localAuthorityCodes !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(LOCAL_AUTHORITY_CODE_PATTERN, {
    each: true,
    message: 'each localAuthorityCodes entry must be an ONS code',
  })
  localAuthorityCodes?: string[];

  @ValidateIf((o: OrganisationV1) => o.type === 'PRISON' || o.establishments !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ESTABLISHMENT_PATTERN, {
    each: true,
    message: 'each establishments entry must be a 3-letter prison code',
  })
  establishments?: string[];

  @IsDefined() @ValidateNested() @Type(() => SpocV1) spoc!: SpocV1;
}
