import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { ServiceEnv } from '@throughcare/service-config';

export class PlannerEnv extends ServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3101;

  /** Local time the notices go out (contract.md §4: 09:00 Europe/London unless configured). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'MILESTONE_LOCAL_TIME must be HH:mm' })
  MILESTONE_LOCAL_TIME: string = '09:00';

  @IsString() MILESTONE_ZONE: string = 'Europe/London';

  /** How often due milestones are looked for, in real milliseconds. */
  @Type(() => Number) @IsInt() @Min(50) @Max(600_000) MILESTONE_POLL_INTERVAL_MS: number = 1000;

  /** A JSON array of YYYY-MM-DD that replaces the shipped England and Wales bank holidays. */
  @IsOptional() @IsString() BANK_HOLIDAYS_FILE?: string;
}
