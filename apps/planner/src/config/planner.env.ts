import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

import { CalendarServiceEnv, OptionalPostgresUrl } from '@throughcare/service-config';

/** MILESTONE_LOCAL_TIME, MILESTONE_ZONE and BANK_HOLIDAYS_FILE come from CalendarServiceEnv. */
export class PlannerEnv extends CalendarServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3101;

  /**
   * The planner's own PostgreSQL role, which may touch only the planner schema; required in
   * production. Unset elsewhere: DATABASE_URL as role throughcare_planner, no password.
   */
  @OptionalPostgresUrl('PLANNER_DATABASE_URL') PLANNER_DATABASE_URL?: string;

  protected override runtimeDatabase() {
    return { service: 'planner' as const, url: this.PLANNER_DATABASE_URL };
  }

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
}
