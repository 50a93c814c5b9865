import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import { AuditLog } from '../audit/audit-log';
import { type ConsoleRequest, sessionOf } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { SessionStore } from '../sessions/session-store';
import { setSessionCookie, clearSessionCookie } from '../sessions/session-cookie';
import { Inject } from '@nestjs/common';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import type { StaffIdentity } from './staff-account';
import { SignInService } from './sign-in.service';

const REFUSED =
  'Enter a correct username and password. After repeated failures an account is locked for a while.';

/** Where each role starts. */
export function homeOf(identity: StaffIdentity): string {
  switch (identity.role) {
    case 'prescriber':
      return '/prescribing';
    case 'release-team':
    case 'healthcare':
      return '/caseload';
    case 'admin':
      return '/admin/audit';
    case 'community-service':
    case 'probation':
      return '/deliveries';
    default:
      return '/account';
  }
}

@Controller()
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  home(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const identity = sessionOf(request).data.identity;
    response.redirect(303, identity ? homeOf(identity) : '/sign-in');
  }

  @Get('sign-in')
  form(@Req() request: ConsoleRequest, @Res() response: Response): void {
    response.render('sign-in/password.njk', pageContext(request));
  }

  @Post('sign-in')
  async password(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const username = String(body['username'] ?? '')
      .trim()
      .toLowerCase();
    const password = String(body['password'] ?? '');
    const errors = [
      ...(username ? [] : [{ href: '#username', text: 'Enter your username' }]),
      ...(password ? [] : [{ href: '#password', text: 'Enter your password' }]),
    ];
    if (errors.length === 0) {
      const outcome = await this.signIn.withPassword(
        username.slice(0, 100),
        password.slice(0, 200),
      );
      if (outcome.kind === 'signed-in')
        return this.startSession(request, response, outcome.identity);
      if (outcome.kind === 'code-needed') {
        // A new session id from here on: one planted before sign-in is worth nothing (fixation).
        await this.sessions.destroy(sessionOf(request).id);
        const pending = await this.sessions.create({
          pendingTotp: { accountId: outcome.accountId },
        });
        setSessionCookie(response, this.config, pending.id);
        return response.redirect(303, '/sign-in/code');
      }
      errors.push({ href: '#username', text: REFUSED });
    }
    response.status(400).render('sign-in/password.njk', {
      ...pageContext(request),
      errors,
      errorList: errors,
      username,
    });
  }

  @Get('sign-in/code')
  codeForm(@Req() request: ConsoleRequest, @Res() response: Response): void {
    if (!sessionOf(request).data.pendingTotp) return response.redirect(303, '/sign-in');
    response.render('sign-in/code.njk', pageContext(request));
  }

  @Post('sign-in/code')
  async code(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const pending = sessionOf(request).data.pendingTotp;
    if (!pending) return response.redirect(303, '/sign-in');
    const code = String(body['code'] ?? '').replace(/\s+/g, '');
    const identity = /^\d{6}$/.test(code)
      ? await this.signIn.withCode(pending.accountId, code)
      : null;
    if (identity) return this.startSession(request, response, identity);
    const text = code
      ? 'Enter the correct 6-digit code from your authenticator app'
      : 'Enter the 6-digit code from your authenticator app';
    response.status(400).render('sign-in/code.njk', {
      ...pageContext(request),
      errors: [{ href: '#code', text }],
      errorList: [{ href: '#code', text }],
    });
  }

  @Post('sign-out')
  async signOut(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const session = sessionOf(request);
    if (session.data.identity) await this.audit.record(session.data.identity, 'signed-out');
    await this.sessions.destroy(session.id);
    clearSessionCookie(response, this.config);
    response.redirect(303, '/sign-in');
  }

  private async startSession(
    request: ConsoleRequest,
    response: Response,
    identity: StaffIdentity,
  ): Promise<void> {
    await this.sessions.destroy(sessionOf(request).id);
    const session = await this.sessions.create({ identity, signedInAt: Date.now() });
    setSessionCookie(response, this.config, session.id);
    response.redirect(303, homeOf(identity));
  }
}
