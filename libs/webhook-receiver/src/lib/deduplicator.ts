// Remembers `webhook-id`s so that a retried or replayed notice (the hub sends the same
// `webhook-id` on every retry and every replay) is processed once. In memory and bounded: it
// forgets an id after `ttlMs`, and the oldest ids first beyond `maxEntries`. One process only,
// and lost on restart: a receiver with several instances needs a shared store (a unique key in
// its database) with the same semantics.

export interface DeduplicatorOptions {
  /** How long an id is remembered (default 72 h: longer than the hub's whole retry schedule). */
  ttlMs?: number;
  /** How many ids at most (default 100,000); beyond that the oldest is forgotten first. */
  maxEntries?: number;
  /** The current time in milliseconds (default `Date.now`); tests move it. */
  now?: () => number;
}

export interface Deduplicator {
  /**
   * `true` when `id` was seen within the TTL (a duplicate: acknowledge it, do not process it);
   * otherwise remembers it and answers `false`.
   */
  isDuplicate(id: string): boolean;
  /** Forgets `id`, e.g. when processing it failed and a later replay should be processed. */
  forget(id: string): void;
  /** Ids remembered now (expired ones included until they are swept). */
  readonly size: number;
}

export const DEFAULT_DEDUPE_TTL_MS = 72 * 3_600_000;
export const DEFAULT_DEDUPE_MAX_ENTRIES = 100_000;

export function createDeduplicator(options: DeduplicatorOptions = {}): Deduplicator {
  const ttlMs = options.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  if (!(ttlMs > 0)) throw new RangeError('ttlMs must be positive');
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError('maxEntries must be a positive integer');

  // id -> expiry; a Map iterates in insertion order, so the oldest entry comes first.
  const expiries = new Map<string, number>();

  const sweep = (at: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > at) break;
      expiries.delete(id);
    }
  };

  return {
    isDuplicate(id: string): boolean {
      const at = now();
      sweep(at);
      const expiresAt = expiries.get(id);
      if (expiresAt !== undefined && expiresAt > at) return true;
      // Re-inserted at the end, so that the insertion order stays the expiry order.
      expiries.delete(id);
      expiries.set(id, at + ttlMs);
      while (expiries.size > maxEntries) {
        const oldest = expiries.keys().next();
        if (oldest.done) break;
        expiries.delete(oldest.value);
      }
      return false;
    },
    forget(id: string): void {
      expiries.delete(id);
    },
    get size(): number {
      return expiries.size;
    },
  };
}
