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

  /**
   * Who is told next when a notice is not acknowledged in time and the SPOC was told (ACK-04):
   * a deputy or duty manager, by secure e-mail.
   */
  @IsOptional() @ValidateNested() @Type(() => SpocV1) secondContact?: SpocV1;
}

/**
 * `PUT /v1/organisations/{organisationId}/contacts` body: who the hub's e-mails reach (the SPOC,
 * and the second contact of the escalation ladder, ACK-04). Both are replaced: a second contact
 * left out is removed.
 */
export class OrganisationContactsV1 {
  @IsDefined() @ValidateNested() @Type(() => SpocV1) spoc!: SpocV1;

  @IsOptional() @ValidateNested() @Type(() => SpocV1) secondContact?: SpocV1;
}

/** The data of `organisation-contacts-changed`: an organisation's contacts as they now are. */
export class OrganisationContactsChangedV1 extends OrganisationContactsV1 {
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;
}
