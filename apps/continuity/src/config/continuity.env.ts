import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

import { CalendarServiceEnv, OptionalPostgresUrl } from '@throughcare/service-config';

/** The milestone time, zone and bank holidays are the planner's (CalendarServiceEnv). */
export class ContinuityEnv extends CalendarServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3102;

  /**
   * The continuity's own PostgreSQL role, which may touch only the continuity schema; required in
   * production. Unset elsewhere: DATABASE_URL as role throughcare_continuity, no password.
   */
  @OptionalPostgresUrl('CONTINUITY_DATABASE_URL') CONTINUITY_DATABASE_URL?: string;

  protected override runtimeDatabase() {
    return { service: 'continuity' as const, url: this.CONTINUITY_DATABASE_URL };
  }
}
