import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

import type { ReadinessCheck } from './health.module';

export function postgresCheck(dataSource: DataSource): ReadinessCheck {
  return { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) };
}

export function redisCheck(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      if ((await redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
    },
  };
}

export function kafkaCheck(isConnected: () => boolean): ReadinessCheck {
  return {
    name: 'kafka',
    check: async () => {
      if (!isConnected()) throw new Error('kafka is not connected');
    },
  };
}
