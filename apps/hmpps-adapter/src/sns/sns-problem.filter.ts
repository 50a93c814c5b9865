import { STATUS_CODES } from 'node:http';

import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

/** The adapter's answers to a refused or failed request are application/problem+json. */
@Catch()
export class SnsProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(SnsProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 500) this.logger.error(`unhandled error: ${(exception as Error)?.stack ?? ''}`);
    const detail =
      exception instanceof HttpException && status !== 404 ? messageOf(exception) : undefined;
    const body = {
      type: `https://throughcare-hub.example/problems/${status === 404 ? 'not-found' : `http-${status}`}`,
      title: STATUS_CODES[status] ?? 'Error',
      status,
      ...(detail ? { detail } : {}),
    };
    response.status(status).type('application/problem+json').send(JSON.stringify(body));
  }
}

function messageOf(exception: HttpException): string | undefined {
  const payload = exception.getResponse();
  if (typeof payload === 'string') return payload;
  const message = (payload as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
