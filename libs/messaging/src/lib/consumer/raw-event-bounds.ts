import { JSON_BOUNDS, checkJsonBounds, describeFieldErrors } from '@throughcare/contracts';

/**
 * The largest message value a consumer reads. Kafka's own limit is 1 MiB; a notice carrying a
 * person's whole continuity record, sealed, is a few tens of KiB (input-bounds.md BND-1).
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/**
 * Why a message value can never be processed, before anything parses it further: too big, not
 * JSON, or nested too deep / with a prototype key (class-transformer recursed and overflowed the
 * stack on 10,000 levels, which the runner took for a transient failure). Null when readable.
 */
export function unreadableReason(value: string): string | null {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_EVENT_BYTES) return `value is ${bytes} bytes, more than ${MAX_EVENT_BYTES}`;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return 'value is not valid JSON';
  }
  const outOfBounds = checkJsonBounds(json, JSON_BOUNDS);
  return outOfBounds ? `value out of bounds: ${describeFieldErrors([outOfBounds])}` : null;
}

/** Waits before each in-process retry of a transient failure: about 2 s in all (see runner). */
export const TRANSIENT_RETRY_DELAYS_MS: readonly number[] = [100, 300, 600, 1000];
