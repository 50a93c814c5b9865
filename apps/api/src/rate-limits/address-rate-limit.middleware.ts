import type { NextFunction, Request, Response } from 'express';

import { PROBLEM_CONTENT_TYPE } from '../http/problem-details';
import type { RateLimits } from './rate-limits.service';
import { tooManyRequestsProblem, type Throttled } from './too-many-requests';

/** Writes a 429 problem+json with Retry-After (docs/security/access-rules.md RATE-1 to RATE-3). */
export function answerTooManyRequests(response: Response, throttled: Throttled): void {
  const body = tooManyRequestsProblem(throttled);
  response
    .status(429)
    .setHeader('Retry-After', String(throttled.retryAfterSeconds))
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(body));
}

/**
 * RATE-2, before anything else reads the request: every request from one client address counts,
 * authenticated or not. `request.ip` is the socket's address (express trusts no proxy header).
 */
export function addressRateLimit(limits: RateLimits) {
  return (request: Request, response: Response, next: NextFunction): void => {
    limits
      .consumeForAddress(request.ip ?? request.socket.remoteAddress ?? 'unknown')
      .then((throttled) => (throttled ? answerTooManyRequests(response, throttled) : next()))
      .catch(next);
  };
}
