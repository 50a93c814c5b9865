import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// The HMPPS domain-event envelope as its publishers describe it (docs/hmpps-adapter.md, "What we
// read"): eventType, version and occurredAt required; everything else optional. Unknown fields
// are allowed (HMPPS adds fields without a version bump); the ones we read are bounded.

/** An ISO 8601 instant with an offset, up to nanoseconds, as HMPPS services write them. */
export const HMPPS_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export class HmppsIdentifierDto {
  @IsString() @MaxLength(40) type!: string;
  @IsString() @MaxLength(64) value!: string;
}

export class HmppsPersonReferenceDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HmppsIdentifierDto)
  identifiers?: HmppsIdentifierDto[];
}

export class HmppsAdditionalInformationDto {
  @IsOptional() @IsString() @MaxLength(64) nomsNumber?: string;
  @IsOptional() @IsString() @MaxLength(16) prisonId?: string;
  @IsOptional() @IsString() @MaxLength(64) reason?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  categoriesChanged?: string[];
}

export class HmppsDomainEventDto {
  @IsString() @MaxLength(200) eventType!: string;

  @IsInt() @Min(1) version!: number;

  @Matches(HMPPS_INSTANT, { message: 'occurredAt must be an ISO 8601 instant with an offset' })
  occurredAt!: string;

  @IsOptional() @IsString() @MaxLength(1000) description?: string;

  @IsOptional() @IsString() @MaxLength(1000) detailUrl?: string;

  @IsOptional()
  @Matches(HMPPS_INSTANT, { message: 'publishedAt must be an ISO 8601 instant with an offset' })
  publishedAt?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => HmppsAdditionalInformationDto)
  additionalInformation?: HmppsAdditionalInformationDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => HmppsPersonReferenceDto)
  personReference?: HmppsPersonReferenceDto;
}
