import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';

import { ORGANISATION_ID_PATTERN } from '../identifiers';

// A notice type, or a prefix ending in `.*` (docs/hub-interface.md §6 example).
const NOTICE_TYPE_FILTER = /^throughcare\.notice\.[a-z0-9.-]*\*?$/;

/** `POST /v1/subscriptions` body. */
export class SubscriptionRequestV1 {
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId!: string;

  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(NOTICE_TYPE_FILTER, {
    each: true,
    message: 'each types entry must be a notice type or a prefix ending in .*',
  })
  types!: string[];
}

/** Data of `subscription-registered`: the secret travels only sealed (AES-256-GCM). */
export class SubscriptionRegisteredV1 extends SubscriptionRequestV1 {
  @IsUUID() subscriptionId!: string;
  @IsString()
  @Matches(/^v1\.[A-Za-z0-9+/=.]+$/, { message: 'encryptedSecret must be a sealed secret' })
  encryptedSecret!: string;
}

/** True when a subscription's type filters select the notice type. */
export function subscriptionWants(filters: readonly string[], noticeType: string): boolean {
  return filters.some((filter) =>
    filter.endsWith('*') ? noticeType.startsWith(filter.slice(0, -1)) : filter === noticeType,
  );
}
