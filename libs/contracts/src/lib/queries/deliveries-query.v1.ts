import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { DELIVERY_STATUSES, type DeliveryStatusV1 } from '../delivery/delivery.v1';
import { ORGANISATION_ID_PATTERN } from '../identifiers';
import { IsInstant } from '../validation/instant.decorator';
import { ANY_TIME } from '../validation/time-bounds';

export const DELIVERIES_PAGE_DEFAULT = 50;
export const DELIVERIES_PAGE_MAX = 500;

/** `GET /v1/deliveries` query (docs/hub-interface.md §3): newest first, a page at a time. */
export class DeliveriesQueryV1 {
  /** Admin only: one organisation's deliveries. A subscriber always sees just its own. */
  @IsOptional()
  @Matches(ORGANISATION_ID_PATTERN, { message: 'organisationId must match [a-z0-9-]{3,64}' })
  organisationId?: string;

  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatusV1;

  /** Created at or after this instant. */
  @IsOptional() @IsInstant(ANY_TIME) from?: string;

  /** Created before this instant. */
  @IsOptional() @IsInstant(ANY_TIME) to?: string;

  // Query strings are text: the number is converted before it is checked.
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(DELIVERIES_PAGE_MAX)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be a nextCursor the API returned' })
  cursor?: string;
}
