import { HttpException } from '@nestjs/common';

import { problem, type ProblemDetails } from '../http/problem-details';

/** The limits of docs/security/access-rules.md RATE-1 to RATE-3, as metric labels. */
export type LimitName = 'key' | 'address' | 'failed_auth';

export interface Throttled {
  limit: LimitName;
  retryAfterSeconds: number;
}

const DETAIL: Record<LimitName, string> = {
  key: 'This API key has made too many requests; retry after the time in Retry-After',
  address: 'Too many requests from this address; retry after the time in Retry-After',
  failed_auth:
    'Too many failed authentications from this address; retry after the time in Retry-After',
};

/** Whole seconds until the limit lets a request through again, never 0 (RFC 9110 §10.2.3). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

export function tooManyRequestsProblem(throttled: Throttled): ProblemDetails {
  return problem(429, 'rate-limited', 'Too many requests', DETAIL[throttled.limit]);
}

/** A 429 the problem+json filter answers as it is; Retry-After is set by the caller. */
export class TooManyRequests extends HttpException {
  constructor(readonly throttled: Throttled) {
    super(tooManyRequestsProblem(throttled), 429);
  }
}
