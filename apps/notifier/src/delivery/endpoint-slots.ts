import type { Redis } from 'ioredis';

/**
 * At most `limit` requests in flight to one endpoint, across every worker and instance (a Redis
 * counter per endpoint), so that a slow subscriber holds at most `limit` workers and never
 * delays the others. The counter expires on its own if a process dies holding a slot.
 */
export class EndpointSlots {
  constructor(
    private readonly redis: () => Promise<Redis>,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly holdMs: number,
  ) {}

  async acquire(endpointId: string): Promise<boolean> {
    const redis = await this.redis();
    const key = this.key(endpointId);
    const [[, taken]] = (await redis.multi().incr(key).pexpire(key, this.holdMs).exec()) as [
      [Error | null, number],
      [Error | null, number],
    ];
    if (taken <= this.limit) return true;
    await redis.decr(key);
    return false;
  }

  async release(endpointId: string): Promise<void> {
    const redis = await this.redis();
    await redis.decr(this.key(endpointId));
  }

  private key(endpointId: string): string {
    return `${this.prefix}:endpoint-inflight:${endpointId}`;
  }
}
