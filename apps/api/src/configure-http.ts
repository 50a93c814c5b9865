import type { INestApplication } from '@nestjs/common';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

import { CLOCK, type Clock } from '@throughcare/clock';

import { addressRateLimit } from './rate-limits/address-rate-limit.middleware';
import { RateLimits } from './rate-limits/rate-limits.service';
import { PROBLEM_CONTENT_TYPE, problem } from './http/problem-details';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ContractValidationPipe } from './http/contract-validation.pipe';
import { securityHeaders } from './http/security-headers';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The API's HTTP perimeter: security headers, the per-address request limit, body parsing with a
 * size limit, and problem+json for bodies that never reach a controller.
 */
export function configureApiHttp(app: INestApplication): void {
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');
  // Headers and the per-address limit come first, so even a refused body gets both.
  app.use(...securityHeaders());
  app.use(addressRateLimit(app.get(RateLimits)));
  app.use(
    express.json({ limit: MAX_BODY_BYTES, type: ['application/json', 'application/*+json'] }),
  );
  app.use(bodyErrorToProblem);
  // Validation bounds instants by the service's clock (docs/security/input-bounds.md).
  app.useGlobalPipes(new ContractValidationPipe(app.get<Clock>(CLOCK)));
  app.useGlobalFilters(new ProblemDetailsFilter());
}

function bodyErrorToProblem(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!error) return next();
  const type = (error as { type?: string }).type;
  const body =
    type === 'entity.too.large'
      ? problem(
          413,
          'body-too-large',
          'Request body too large',
          `The limit is ${MAX_BODY_BYTES} bytes`,
        )
      : problem(400, 'malformed-json', 'Malformed JSON body', 'The request body is not valid JSON');
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
