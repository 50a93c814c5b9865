/** Redis helpers shared by the benchmarks: loopback-only target, memory figures, prefix cleanup. */
import type { Redis } from 'ioredis';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Reads REDIS_URL (default redis://127.0.0.1:6379) and refuses anything but loopback. */
export function redisTargetFromEnv(env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const url = new URL(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  if (url.protocol !== 'redis:') throw new Error(`REDIS_URL must be redis://, got ${url.protocol}`);
  if (!LOOPBACK.has(url.hostname)) {
    throw new Error(
      `benchmarks run against loopback Redis only; REDIS_URL host is ${url.hostname}`,
    );
  }
  if (url.username || url.password) throw new Error('REDIS_URL with credentials is not supported');
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new Error(`bad database in REDIS_URL: ${url.pathname}`);
  const host = url.hostname === '[::1]' ? '::1' : url.hostname;
  return { host, port: url.port ? Number(url.port) : 6379, db };
}

/** Parses one section of INFO into field → value. */
export async function info(redis: Redis, section: string): Promise<Map<string, string>> {
  const text = await redis.info(section);
  const fields = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/**
 * INFO memory used_memory, once lazy freeing has finished (bounded wait). Server-wide: other
 * clients of the same Redis move it too, which is why the benchmarks also sum MEMORY USAGE.
 */
export async function usedMemory(redis: Redis): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const fields = await info(redis, 'memory');
    if (Number(fields.get('lazyfree_pending_objects') ?? 0) === 0 || i === 49) {
      const used = Number(fields.get('used_memory'));
      if (!Number.isFinite(used)) throw new Error('INFO memory has no used_memory');
      return used;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('unreachable');
}

function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Calls `onBatch` with each batch of keys starting with `prefix`, each key once (SCAN, bounded). */
export async function scanPrefix(
  redis: Redis,
  prefix: string,
  onBatch: (keys: string[]) => Promise<void>,
): Promise<void> {
  if (prefix.length < 8) throw new Error(`refusing to scan a prefix this short: '${prefix}'`);
  const pattern = `${globEscape(prefix)}*`;
  const seen = new Set<string>(); // SCAN may return a key twice while the keyspace rehashes
  let cursor = '0';
  // A full SCAN visits every slot once; 1,000,000 iterations of COUNT 1000 is far beyond that.
  for (let i = 0; i < 1_000_000; i++) {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    const keys = found.filter((key) => !seen.has(key));
    for (const key of keys) seen.add(key);
    if (keys.length > 0) await onBatch(keys);
    cursor = next;
    if (cursor === '0') return;
  }
  throw new Error(`SCAN of ${prefix}* did not finish`);
}

export async function countPrefix(redis: Redis, prefix: string): Promise<number> {
  let count = 0;
  await scanPrefix(redis, prefix, async (keys) => {
    count += keys.length;
  });
  return count;
}

/**
 * Deletes every key starting with `prefix` and returns how many. DEL, not UNLINK, so that the
 * memory is free (and used_memory settled) when this returns.
 */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  await scanPrefix(redis, prefix, async (keys) => {
    deleted += await redis.del(...keys);
  });
  return deleted;
}

/** The sum of MEMORY USAGE (all nested values sampled) of the keys starting with `prefix`. */
export async function memoryUsageOfPrefix(
  redis: Redis,
  prefix: string,
): Promise<{ keys: number; bytes: number }> {
  let keys = 0;
  let bytes = 0;
  await scanPrefix(redis, prefix, async (batch) => {
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, usage] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      if (usage === null) continue; // deleted since SCAN returned it
      keys += 1;
      bytes += Number(usage);
    }
  });
  return { keys, bytes };
}
