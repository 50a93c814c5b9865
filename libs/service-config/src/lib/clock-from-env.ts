import { createClock, type Clock } from '@throughcare/clock';

import type { ServiceEnv } from './service.env';

export function clockFromEnv(env: ServiceEnv): Clock {
  return createClock({
    simulatedStart: env.HUB_CLOCK_START ? new Date(env.HUB_CLOCK_START) : undefined,
    simulatedSpeed: env.HUB_CLOCK_SPEED,
    simulatedAnchor: env.HUB_CLOCK_ANCHOR ? new Date(env.HUB_CLOCK_ANCHOR) : undefined,
  });
}
