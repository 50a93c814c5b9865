import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { problem } from '../http/problem-details';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

// Visible ASCII, as in the IETF httpapi Idempotency-Key draft; a UUID is the usual choice.
const IDEMPOTENCY_KEY = /^[!-~]{1,255}$/;

/** The request's Idempotency-Key, or undefined without one; a malformed key is a 400 problem. */
export const IdempotencyKeyHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().header(IDEMPOTENCY_KEY_HEADER);
    if (value === undefined) return undefined;
    if (!IDEMPOTENCY_KEY.test(value)) {
      throw new BadRequestException(
        problem(
          400,
          'invalid-idempotency-key',
          'The Idempotency-Key header is not valid',
          'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID',
        ),
      );
    }
    return value;
  },
);

/** Answers with the outcome's body, marking a replay as Stripe does, so a client can tell. */
export function answerWith<T>(
  response: { setHeader(name: string, value: string): unknown },
  outcome: { body: T; replayed: boolean },
): T {
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}
