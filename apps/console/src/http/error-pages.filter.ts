import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  ForbiddenException,
  HttpException,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Response } from 'express';

import { type ConsoleRequest } from './console-request';
import { pageContext } from './page-context';

/** Every error is a GOV.UK page: sign-in for 401, 403 and 404 pages, a plain 500 without detail. */
@Catch()
export class ErrorPagesFilter implements ExceptionFilter {
  private readonly logger = new Logger('console');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof UnauthorizedException) {
      response.redirect(303, '/sign-in');
      return;
    }
    if (error instanceof ForbiddenException) {
      response
        .status(403)
        .render('errors/forbidden.njk', { ...pageContext(request), message: error.message });
      return;
    }
    if (error instanceof NotFoundException) {
      response.status(404).render('errors/not-found.njk', pageContext(request));
      return;
    }
    const status = error instanceof HttpException ? error.getStatus() : 500;
    if (status >= 500)
      this.logger.error(`${request.method} ${request.path} failed: ${(error as Error).message}`);
    response.status(status).render('errors/problem.njk', { ...pageContext(request), status });
  }
}
