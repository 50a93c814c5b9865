import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** Runs `fn` with a correlation id that every log line and outgoing event inside it carries. */
export function runWithCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function correlationIdOrNew(): string {
  return currentCorrelationId() ?? randomUUID();
}

const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Accepts a caller's id only if it is a plain token, so headers cannot smuggle text into logs. */
export function acceptCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && SAFE_CORRELATION_ID.test(candidate)
    ? candidate
    : randomUUID();
}
