import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

import { ServiceEnv } from '@throughcare/service-config';

export class ContinuityEnv extends ServiceEnv {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) override PORT: number = 3102;
}
