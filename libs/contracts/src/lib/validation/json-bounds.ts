import type { FieldError } from './field-error';

// Checked on the parsed JSON before class-transformer sees it (docs/security/input-bounds.md
// BND-2, BND-3): class-transformer recurses, so 10,000 nested objects overflowed the stack (a 500
// over HTTP, a stalled partition on Kafka), and it silently drops a `constructor` key instead of
// letting the whitelist refuse it.

export interface JsonBounds {
  /** Nesting of objects and arrays; the deepest contract (a notice carrying a DIR) needs 8. */
  maxDepth: number;
  /** Properties in one object: more is never a contract, and each would be an error line. */
  maxKeys: number;
  /** Items in one array (every contract array is smaller; DTOs bound each one further). */
  maxArrayLength: number;
}

export const JSON_BOUNDS: JsonBounds = { maxDepth: 16, maxKeys: 64, maxArrayLength: 1000 };

/**
 * Keys that name JavaScript's prototype machinery. No contract has them, and class-transformer
 * would skip or act on them rather than pass them to the unknown-property check.
 */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * The first way `input` exceeds `bounds`, or a prototype key anywhere in it; null when within.
 * Iterative, so the check itself cannot overflow whatever the depth.
 */
export function checkJsonBounds(
  input: unknown,
  bounds: JsonBounds = JSON_BOUNDS,
): FieldError | null {
  const pending: Pending[] = [{ value: input, path: '', depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    const here = path || '(body)';
    if (depth + 1 > bounds.maxDepth) {
      return { field: here, messages: [`nesting deeper than ${bounds.maxDepth} levels`] };
    }
    if (Array.isArray(value)) {
      if (value.length > bounds.maxArrayLength) {
        return { field: here, messages: [`more than ${bounds.maxArrayLength} items`] };
      }
      value.forEach((item, index) =>
        pending.push({ value: item, path: join(path, String(index)), depth: depth + 1 }),
      );
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > bounds.maxKeys) {
      return { field: here, messages: [`more than ${bounds.maxKeys} properties`] };
    }
    const prototypeKey = keys.find((key) => PROTOTYPE_KEYS.includes(key));
    if (prototypeKey) {
      const field = join(path, prototypeKey);
      return { field, messages: [`property ${prototypeKey} should not exist`] };
    }
    for (const key of keys) {
      const child = (value as Record<string, unknown>)[key];
      pending.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}
