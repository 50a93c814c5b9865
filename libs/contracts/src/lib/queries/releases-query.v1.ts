import { IsOptional, Matches } from 'class-validator';

import { ESTABLISHMENT_PATTERN } from '../identifiers';
import { IsCalendarDate } from '../validation/calendar-date.decorator';
import { ANY_TIME } from '../validation/time-bounds';

/** `GET /v1/releases` query (docs/hub-interface.md §3). */
export class ReleasesQueryV1 {
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  /** First release date to include; today (Europe/London) by default. */
  @IsOptional() @IsCalendarDate(ANY_TIME) from?: string;

  /** Last release date to include; twelve weeks after `from` by default. */
  @IsOptional() @IsCalendarDate(ANY_TIME) to?: string;
}
