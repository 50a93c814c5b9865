import { IsIn, IsOptional, Matches } from 'class-validator';

import {
  BRIDGING_REQUEST_STATUSES,
  type BridgingRequestStatus,
} from '../continuity/bridging-request.v1';
import { ESTABLISHMENT_PATTERN } from '../identifiers';
import { IsCalendarDate } from '../validation/calendar-date.decorator';
import { ANY_TIME } from '../validation/time-bounds';

/** `GET /v1/prescribing/bridging-requests` query (docs/hub-interface.md §3). */
export class BridgingRequestsQueryV1 {
  @IsOptional() @IsIn(BRIDGING_REQUEST_STATUSES) status?: BridgingRequestStatus;

  @IsOptional()
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment?: string;
}

/** `GET /v1/measures` query: releases from `from` to `to` (inclusive, release dates). */
export class MeasuresQueryV1 {
  @IsOptional()
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment?: string;

  @IsCalendarDate(ANY_TIME) from!: string;
  @IsCalendarDate(ANY_TIME) to!: string;
}
