import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches, ValidateIf } from 'class-validator';

import { ESTABLISHMENT_PATTERN, ORGANISATION_ID_PATTERN } from '../identifiers';

export const API_KEY_ROLES = ['admin', 'prison', 'subscriber'] as const;

/** `POST /v1/api-keys` body (docs/hub-interface.md §3). A prison key is bound to its establishments. */
export class ApiKeyRequestV1 {
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;

  @IsIn(API_KEY_ROLES) role!: (typeof API_KEY_ROLES)[number];

  @ValidateIf((k: ApiKeyRequestV1) => k.role === 'prison' || k.establishments !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'establishments must name at least one prison for a prison key' })
  @ArrayMaxSize(50)
  @Matches(ESTABLISHMENT_PATTERN, {
    each: true,
    message: 'each establishments entry must be a 3-letter prison code',
  })
  establishments?: string[];
}
