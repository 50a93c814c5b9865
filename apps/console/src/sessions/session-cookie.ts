import type { Request, Response } from 'express';

import type { ConsoleConfig } from '../config/console.config';

/**
 * The session cookie (CSL-3): HttpOnly, SameSite=Lax, Path=/, and Secure with the `__Host-`
 * prefix (no Domain, so no sibling host can set or read it) unless secure cookies are off for a
 * plain-HTTP local run. It carries only the random session id.
 */
export function cookieName(config: Pick<ConsoleConfig, 'secureCookies'>): string {
  return config.secureCookies ? '__Host-console-session' : 'console-session';
}

export function readSessionCookie(
  request: Request,
  config: Pick<ConsoleConfig, 'secureCookies'>,
): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const name = cookieName(config);
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function setSessionCookie(
  response: Response,
  config: Pick<ConsoleConfig, 'secureCookies'>,
  id: string,
): void {
  response.cookie(cookieName(config), id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
  });
}

export function clearSessionCookie(
  response: Response,
  config: Pick<ConsoleConfig, 'secureCookies'>,
): void {
  response.clearCookie(cookieName(config), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
  });
}
