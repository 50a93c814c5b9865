import { STATUS_CODES } from 'node:http';

import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

import { DomainError, DomainErrorCode } from '@throughcare/contracts';

import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details';

const STATUS_BY_CODE: Record<DomainErrorCode, [number, string]> = {
  [DomainErrorCode.NotFound]: [404, 'Not found'],
  [DomainErrorCode.Conflict]: [409, 'Conflicts with what the hub knows'],
  [DomainErrorCode.IdempotencyKeyReused]: [422, 'Idempotency key reused with a different request'],
  [DomainErrorCode.Unprocessable]: [422, 'Cannot be processed'],
};

/** Every error leaves the API as application/problem+json; a 500 never carries internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const [status, title] = STATUS_BY_CODE[exception.code];
      return problem(status, exception.code, title, exception.message);
    }
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      if (
        typeof payload === 'object' &&
        payload !== null &&
        'type' in payload &&
        'status' in payload
      ) {
        return payload as ProblemDetails;
      }
      // The status's own reason phrase, never the framework's message: "Cannot GET /v1/nope"
      // names the framework and echoes the path (docs/security/access-rules.md HDR-3).
      const status = exception.getStatus();
      const title = STATUS_CODES[status] ?? 'Error';
      return problem(status, status === 404 ? 'not-found' : `http-${status}`, title);
    }
    this.logger.error(`unhandled error: ${(exception as Error)?.stack ?? String(exception)}`);
    return problem(
      500,
      'internal',
      'Internal error',
      'The hub could not complete the request; nothing was recorded.',
    );
  }
}
