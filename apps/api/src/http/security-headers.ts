import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

// A JSON API loads nothing: the strictest policy. The Swagger UI page at /v1/docs sets its own,
// which allows only its local scripts and styles (openapi.controller.ts).
const API_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
};

/**
 * Headers on every answer (docs/security/access-rules.md HDR-1, HDR-2): helmet's (nosniff, no
 * X-Powered-By, frame and referrer policies, a CSP), and `Cache-Control: no-store` on everything
 * under /v1, which may carry personal data, so no browser or proxy keeps a copy.
 */
export function securityHeaders(): Array<
  (req: Request, res: Response, next: NextFunction) => void
> {
  return [helmet({ contentSecurityPolicy: API_CSP }), noStoreUnderV1];
}

function noStoreUnderV1(request: Request, response: Response, next: NextFunction): void {
  if (request.path.startsWith('/v1/') || request.path === '/v1') {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
  }
  next();
}
