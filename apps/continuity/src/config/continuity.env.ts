import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

import { CalendarServiceEnv } from '@throughcare/service-config';

/** The milestone time, zone and bank holidays are the planner's (CalendarServiceEnv). */
export class ContinuityEnv extends CalendarServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3102;
}
