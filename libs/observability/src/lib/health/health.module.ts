import {
  Controller,
  type DynamicModule,
  Get,
  HttpCode,
  Inject,
  Module,
  ServiceUnavailableException,
  type Provider,
} from '@nestjs/common';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('ReadinessChecks');

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: ReadinessCheck): Promise<[string, 'up' | 'down']> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return [check.name, 'up'];
  } catch {
    return [check.name, 'down'];
  } finally {
    clearTimeout(timer);
  }
}

@Controller('health')
class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Ready only when every dependency (PostgreSQL, Redis, Kafka) answers (docs/hub-interface.md §5). */
  @Get('ready')
  async ready(): Promise<{ status: 'up'; checks: Record<string, string> }> {
    const results = Object.fromEntries(await Promise.all(this.checks.map(runCheck)));
    if (Object.values(results).some((state) => state !== 'up')) {
      throw new ServiceUnavailableException({ status: 'down', checks: results });
    }
    return { status: 'up', checks: results };
  }
}

@Module({})
export class HealthModule {
  /** `checks` is a factory provider for READINESS_CHECKS built from the service's connections. */
  static forRoot(checks: Provider): DynamicModule {
    return { module: HealthModule, controllers: [HealthController], providers: [checks] };
  }
}
