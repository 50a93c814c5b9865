import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Pool } from 'pg';

import { CONSOLE_POOL, CONSOLE_REDIS } from '../database/console-pool';

/** Ready when its PostgreSQL (accounts, audit) and Redis (sessions) answer; no sign-in needed. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(CONSOLE_POOL) private readonly pool: Pool,
    @Inject(CONSOLE_REDIS) private readonly redis: Redis,
  ) {}

  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    try {
      await this.pool.query('SELECT 1 FROM console.staff_account LIMIT 1');
      await this.redis.ping();
      response.json({ status: 'ready' });
    } catch {
      response.status(503).json({ status: 'not ready' });
    }
  }
}
