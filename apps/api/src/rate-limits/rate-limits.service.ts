import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

import { METRICS_REGISTRY } from '@throughcare/observability';
import { SERVICE_REDIS } from '@throughcare/service-runtime';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { retryAfterSeconds, type LimitName, type Throttled } from './too-many-requests';

const MINUTE = 60;

/**
 * The API's request limits (docs/security/access-rules.md RATE-1 to RATE-3), counted in Redis
 * under the service's key prefix so that every api instance shares them. Should Redis fail, each
 * instance falls back to counting in memory rather than refusing prison events.
 */
@Injectable()
export class RateLimits {
  private readonly logger = new Logger(RateLimits.name);
  private readonly perKey: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly failedAuth: RateLimiterAbstract;
  private readonly failedAuthPoints: number;
  private readonly failedAuthBlockMs: number;
  private readonly throttledTotal: Counter<'limit'>;
  private readonly failedAuthTotal: Counter;

  constructor(
    @Inject(SERVICE_REDIS) redis: Redis,
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    const limits = config.rateLimits;
    const limiter = (name: LimitName, points: number, blockDuration = 0) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.bullPrefix}:rate-limit:${name}`,
        points,
        duration: MINUTE,
        blockDuration,
        insuranceLimiter: new RateLimiterMemory({ points, duration: MINUTE, blockDuration }),
      });
    this.perKey = limiter('key', limits.perKeyPerMinute);
    this.perAddress = limiter('address', limits.perAddressPerMinute);
    this.failedAuth = limiter(
      'failed_auth',
      limits.failedAuthPerMinute,
      limits.failedAuthBlockSeconds,
    );
    this.failedAuthPoints = limits.failedAuthPerMinute;
    this.failedAuthBlockMs = limits.failedAuthBlockSeconds * 1000;
    this.throttledTotal = new Counter({
      name: 'throughcare_api_rate_limited_total',
      help: 'Requests answered 429, by the limit they exceeded (key, address, failed_auth)',
      labelNames: ['limit'],
      registers: [registry],
    });
    this.failedAuthTotal = new Counter({
      name: 'throughcare_api_failed_authentications_total',
      help: 'Requests refused 401: no API key, or one not recognised or revoked',
      registers: [registry],
    });
  }

  /** RATE-1: one request by this API key. */
  consumeForKey(keyId: string): Promise<Throttled | null> {
    return this.consume(this.perKey, 'key', keyId);
  }

  /** RATE-2: one request from this client address, whatever it carries. */
  consumeForAddress(address: string): Promise<Throttled | null> {
    return this.consume(this.perAddress, 'address', address);
  }

  /** RATE-3: is this address locked out for failed authentications? Checked before any key is. */
  async failedAuthLockout(address: string): Promise<Throttled | null> {
    const state = await this.failedAuth.get(address).catch(() => null);
    if (!state || state.consumedPoints <= this.failedAuthPoints) return null;
    return this.throttled('failed_auth', state.msBeforeNext);
  }

  /** RATE-3: one failed authentication from this address; null while still under the limit. */
  recordFailedAuth(address: string): Promise<Throttled | null> {
    this.failedAuthTotal.inc();
    // Crossing the limit blocks the address for the whole block time, whatever the window says.
    return this.consume(this.failedAuth, 'failed_auth', address, this.failedAuthBlockMs);
  }

  private async consume(
    limiter: RateLimiterAbstract,
    limit: LimitName,
    subject: string,
    blockMs = 0,
  ): Promise<Throttled | null> {
    try {
      await limiter.consume(subject);
      return null;
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes)
        return this.throttled(limit, Math.max(outcome.msBeforeNext, blockMs));
      // Neither Redis nor the in-memory insurance answered: let the request through, say so.
      this.logger.warn(`rate limit ${limit} not checked: ${(outcome as Error).message}`);
      return null;
    }
  }

  private throttled(limit: LimitName, msBeforeNext: number): Throttled {
    this.throttledTotal.inc({ limit });
    return { limit, retryAfterSeconds: retryAfterSeconds(msBeforeNext) };
  }
}
