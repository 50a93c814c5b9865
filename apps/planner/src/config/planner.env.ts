import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

import { ServiceEnv } from '@throughcare/service-config';

export class PlannerEnv extends ServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3101;

  /** Local time the notices go out (contract.md §4: 09:00 Europe/London unless configured). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'MILESTONE_LOCAL_TIME must be HH:mm' })
  MILESTONE_LOCAL_TIME: string = '09:00';

  @IsString() MILESTONE_ZONE: string = 'Europe/London';

  /**
   * How often the reconciler re-arms timers Redis lost and fires what is overdue, in real
   * milliseconds. Keep it well under MILESTONE_TIMER_HORIZON_MS.
   */
  @Type(() => Number) @IsInt() @Min(50) @Max(3_600_000) MILESTONE_RECONCILE_INTERVAL_MS: number =
    60_000;

  /**
   * Timers are armed in Redis only for milestones due within this many real milliseconds
   * (hours, not weeks: BullMQ jobs delayed for weeks are a known way to lose timers).
   */
  @Type(() => Number) @IsInt() @Min(1_000) @Max(86_400_000) MILESTONE_TIMER_HORIZON_MS: number =
    6 * 3_600_000;

  /** A JSON array of YYYY-MM-DD that replaces the shipped England and Wales bank holidays. */
  @IsOptional() @IsString() BANK_HOLIDAYS_FILE?: string;
}
