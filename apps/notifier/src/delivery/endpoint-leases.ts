import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

// One sorted set per endpoint: members `instanceId:leaseId`, scored by expiry in Redis time (ms).
// Expired members are reaped before every acquire, so a lease whose owner died (kill -9) frees
// its slot within `ttlMs`: unlike a shared counter, nothing a dead process did keeps a slot taken.
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 1`;

// Only leases still present are extended (XX): one reaped after a stall is not resurrected.
const RENEW = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local renewed = 0
for i, key in ipairs(KEYS) do
  renewed = renewed + redis.call('ZADD', key, 'XX', 'CH', nowMs + tonumber(ARGV[1]), ARGV[i + 1])
  redis.call('PEXPIRE', key, tonumber(ARGV[1]) * 2)
end
return renewed`;

/** How often a waiting request looks again for a slot another instance gave back. */
const RECHECK_MS = 20;

export interface EndpointLease {
  key: string;
  member: string;
}

export interface EndpointLeaseSettings {
  /** Requests in flight to one endpoint at most, across every worker and instance. */
  limit: number;
  /** A lease not renewed for this long is free again (its owner is presumed dead). */
  ttlMs: number;
  /** How often this instance renews the leases it holds (a fraction of ttlMs). */
  heartbeatMs: number;
}

/**
 * At most `limit` requests in flight to one endpoint, across every worker and instance, so that
 * a slow subscriber holds at most `limit` workers and never delays the others. Each slot is a
 * lease owned by this instance and renewed by its heartbeat while the request runs.
 */
export class EndpointLeases {
  readonly instanceId = randomUUID();
  private readonly held = new Map<string, EndpointLease>();
  /** Requests of this process waiting for a slot, per endpoint key, first come first woken. */
  private readonly waiters = new Map<string, Array<() => void>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: () => Promise<Redis>,
    private readonly prefix: string,
    private readonly settings: EndpointLeaseSettings,
  ) {}

  start(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(
      () => void this.renew().catch(() => undefined),
      this.settings.heartbeatMs,
    );
    this.heartbeat.unref();
  }

  stop(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** A lease on one of the endpoint's slots, or null when all are taken. */
  async acquire(endpointId: string): Promise<EndpointLease | null> {
    const redis = await this.redis();
    const lease = { key: this.key(endpointId), member: `${this.instanceId}:${randomUUID()}` };
    const taken = (await redis.eval(
      ACQUIRE,
      1,
      lease.key,
      lease.member,
      this.settings.limit,
      this.settings.ttlMs,
    )) as number;
    if (taken !== 1) return null;
    this.held.set(lease.member, lease);
    return lease;
  }

  async release(lease: EndpointLease): Promise<void> {
    this.held.delete(lease.member);
    const redis = await this.redis();
    try {
      await redis.zrem(lease.key, lease.member);
    } finally {
      // The next request of this process waiting for the endpoint tries at once.
      this.waiters.get(lease.key)?.shift()?.();
    }
  }

  /**
   * A lease, waiting up to `maxWaitMs` for one: a slot this process gives back wakes its first
   * waiter at once (no polling delay between one request and the next); a slot another instance
   * gives back is seen within RECHECK_MS.
   */
  async acquireWithin(endpointId: string, maxWaitMs: number): Promise<EndpointLease | null> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const lease = await this.acquire(endpointId);
      if (lease) return lease;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await this.nextRelease(this.key(endpointId), Math.min(left, RECHECK_MS));
    }
  }

  private nextRelease(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiters.get(key) ?? [];
      this.waiters.set(key, queue);
      const wake = () => {
        clearTimeout(timer);
        const at = queue.indexOf(wake);
        if (at >= 0) queue.splice(at, 1);
        if (queue.length === 0) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      queue.push(wake);
    });
  }

  /** Extends every lease this instance holds; returns how many were still there to extend. */
  async renew(): Promise<number> {
    const leases = [...this.held.values()];
    if (leases.length === 0) return 0;
    const redis = await this.redis();
    return (await redis.eval(
      RENEW,
      leases.length,
      ...leases.map((lease) => lease.key),
      this.settings.ttlMs,
      ...leases.map((lease) => lease.member),
    )) as number;
  }

  /** Leases in force on an endpoint now (tests, diagnostics). */
  async inForce(endpointId: string): Promise<number> {
    const redis = await this.redis();
    const [seconds, micros] = await redis.time();
    const nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return redis.zcount(this.key(endpointId), `(${nowMs}`, '+inf');
  }

  private key(endpointId: string): string {
    return `${this.prefix}:endpoint-leases:${endpointId}`;
  }
}
