import { IsOptional, Matches } from 'class-validator';

import { ESTABLISHMENT_PATTERN } from '../identifiers';
import { IsCalendarDate } from '../validation/calendar-date.decorator';

/** `GET /v1/releases` query (contract.md §3). */
export class ReleasesQueryV1 {
  @Matches(ESTABLISHMENT_PATTERN, { message: 'establishment must be a 3-letter prison code' })
  establishment!: string;

  /** First release date to include; today (Europe/London) by default. */
  @IsOptional() @IsCalendarDate() from?: string;

  /** Last release date to include; twelve weeks after `from` by default. */
  @IsOptional() @IsCalendarDate() to?: string;
}
