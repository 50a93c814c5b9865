import { randomBytes, timingSafeEqual } from 'node:crypto';
import { dirname, join } from 'node:path';

import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Response } from 'express';
import helmet from 'helmet';
import nunjucks from 'nunjucks';

import type { ConsoleConfig } from '../config/console.config';
import { readSessionCookie, setSessionCookie } from '../sessions/session-cookie';
import { SessionStore } from '../sessions/session-store';
import type { ConsoleRequest } from './console-request';
import { pageContext } from './page-context';

const GOVUK_DIST = dirname(dirname(require.resolve('govuk-frontend')));
export const VIEWS_DIR = join(__dirname, '..', 'views');

/**
 * Server-rendered GOV.UK pages: Nunjucks views beside govuk-frontend's own templates, its
 * assets, a strict CSP (scripts only from this origin or with the page's nonce), then the
 * server-side session and the CSRF check on every form post (CSL-3).
 */
export function configureConsoleHttp(app: NestExpressApplication, config: ConsoleConfig): void {
  const env = nunjucks.configure([VIEWS_DIR, GOVUK_DIST], {
    autoescape: true,
    express: app.getHttpAdapter().getInstance(),
  });
  env.addFilter('date', (value: string | Date) => formatDate(value));
  env.addFilter('dateTime', (value: string | Date) => formatDateTime(value));
  // The sign-in page offers the OpenID Connect provider when one is configured (docs/console.md).
  env.addGlobal('oidcProviderName', config.oidc?.displayName ?? '');
  app.setViewEngine('njk');
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useBodyParser('urlencoded', { extended: false, limit: '32kb' });

  app.use((request: ConsoleRequest, _response: Response, next: NextFunction) => {
    request.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (request) => `'nonce-${(request as ConsoleRequest).cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
        },
      },
      strictTransportSecurity: config.secureCookies,
    }),
  );
  const assets = { immutable: false, maxAge: '1h', index: false } as const;
  app.use('/assets', express.static(join(GOVUK_DIST, 'govuk', 'assets'), assets));
  app.use('/govuk', express.static(join(GOVUK_DIST, 'govuk'), { ...assets, extensions: false }));

  const sessions = app.get(SessionStore);
  app.use((request: ConsoleRequest, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    if (request.path.startsWith('/health/')) return next(); // probes get no session
    void attachSession(sessions, config, request, response).then(() => next(), next);
  });
  app.use((request: ConsoleRequest, response: Response, next: NextFunction) => {
    if (request.method === 'GET' || request.method === 'HEAD') return next();
    if (csrfTokenMatches(request)) return next();
    response.status(403).render('errors/forbidden.njk', {
      ...pageContext(request),
      message: 'This form has expired. Go back, reload the page and try again.',
    });
  });
}

/** Every visitor has a session: an anonymous one carries the sign-in form's CSRF token. */
async function attachSession(
  sessions: SessionStore,
  config: ConsoleConfig,
  request: ConsoleRequest,
  response: Response,
): Promise<void> {
  const existing = await sessions.read(readSessionCookie(request, config));
  if (existing) {
    request.consoleSession = existing;
    return;
  }
  request.consoleSession = await sessions.create({});
  setSessionCookie(response, config, request.consoleSession.id);
}

function csrfTokenMatches(request: ConsoleRequest): boolean {
  const sent = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
  const expected = request.consoleSession?.data.csrfToken;
  if (typeof sent !== 'string' || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** "3 December 2026" (the GOV.UK date style); a plain YYYY-MM-DD is a London calendar date. */
export function formatDate(value: string | Date): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : LONDON_DATE.format(date);
}

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/London',
});

/** "3 December 2026 at 15:04:05", London time. */
export function formatDateTime(value: string | Date): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : LONDON_DATE_TIME.format(date);
}
