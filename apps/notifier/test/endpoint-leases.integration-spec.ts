import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import { EndpointLeases } from '../src/delivery/endpoint-leases';

/*
 * Endpoint slots as leases in the real Redis (issue 13 finding 2): a slot held by an instance
 * that stops renewing it (killed) is free again after the TTL, while one whose owner keeps
 * renewing stays taken however long its request runs.
 */
describe('EndpointLeases against Redis', () => {
  let redis: Redis;
  const prefix = `${process.env['BULL_PREFIX'] ?? 'thub-test'}-leases-${randomUUID()}`;
  const settings = { limit: 2, ttlMs: 1_000, heartbeatMs: 300 };
  const instances: EndpointLeases[] = [];

  function instance(): EndpointLeases {
    const leases = new EndpointLeases(async () => redis, prefix, settings);
    instances.push(leases);
    return leases;
  }

  beforeAll(() => {
    redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  });

  afterAll(async () => {
    for (const leases of instances) leases.stop();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('grants at most `limit` slots per endpoint across instances and frees a released one', async () => {
    const first = instance();
    const second = instance();
    const a = await first.acquire('endpoint-1');
    const b = await second.acquire('endpoint-1');
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(await first.acquire('endpoint-1')).toBeNull();
    expect(await second.acquire('endpoint-2')).not.toBeNull();
    await first.release(a!);
    expect(await second.acquire('endpoint-1')).not.toBeNull();
    expect(await first.inForce('endpoint-1')).toBe(2);
  });

  it('frees the slots of an instance that stopped renewing (killed) within the TTL', async () => {
    const dead = instance();
    expect(await dead.acquire('endpoint-3')).not.toBeNull();
    expect(await dead.acquire('endpoint-3')).not.toBeNull();
    const alive = instance();
    expect(await alive.acquire('endpoint-3')).toBeNull();
    // The dead one never renews; a failed acquire does not extend anyone's lease.
    const deadline = Date.now() + settings.ttlMs * 3;
    let lease = null;
    while (!lease && Date.now() < deadline) {
      lease = await alive.acquire('endpoint-3');
      if (!lease) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lease).not.toBeNull();
    expect(await alive.inForce('endpoint-3')).toBe(1);
  });

  it('keeps the slot of an instance that renews it past the TTL', async () => {
    const holder = instance();
    holder.start();
    expect(await holder.acquire('endpoint-4')).not.toBeNull();
    expect(await holder.acquire('endpoint-4')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, settings.ttlMs * 2.5));
    expect(await instance().acquire('endpoint-4')).toBeNull();
    expect(await holder.inForce('endpoint-4')).toBe(2);
  });

  it('gives a slot released by this process to its first waiter at once, and nothing after the wait', async () => {
    const leases = instance();
    const a = await leases.acquire('endpoint-5');
    expect(await leases.acquire('endpoint-5')).not.toBeNull();
    const waiting = leases.acquireWithin('endpoint-5', 5_000);
    const startedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await leases.release(a!);
    expect(await waiting).not.toBeNull();
    // Served once the slot is back, long before its 5 s wait ran out.
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    const givenUpAt = Date.now();
    expect(await leases.acquireWithin('endpoint-5', 150)).toBeNull();
    expect(Date.now() - givenUpAt).toBeGreaterThanOrEqual(140);
  });
});
