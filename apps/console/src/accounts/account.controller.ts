import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import { AuditLog } from '../audit/audit-log';
import { ForRoles, SignedInPerson, sessionOf, type ConsoleRequest } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { SessionStore } from '../sessions/session-store';
import { newTotpSecret, totpMatches, totpUri } from './credentials';
import type { StaffIdentity } from './staff-account';
import { StaffAccounts } from './staff-accounts.repository';

/** The signed-in person's own account: who they are, and turning on a TOTP code (CSL-2). */
@Controller('account')
@ForRoles('release-team', 'healthcare', 'prescriber', 'community-service', 'probation')
export class AccountController {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly sessions: SessionStore,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async show(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
  ): Promise<void> {
    const account = await this.accounts.byId(identity.accountId);
    response.render('account/account.njk', {
      ...pageContext(request),
      hasTotp: Boolean(account?.totpSecret),
      // The OpenID Connect provider asks for its own second factor; a console code would never be.
      throughProvider: Boolean(account?.oidcSubject),
    });
  }

  /** A new secret, held in the session until a code from it is entered; only then is it kept. */
  @Get('totp')
  async enrolForm(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
  ): Promise<void> {
    if ((await this.accounts.byId(identity.accountId))?.oidcSubject)
      return response.redirect(303, '/account');
    const session = sessionOf(request);
    const secret = newTotpSecret();
    session.data.flash = secret;
    await this.sessions.save(session);
    response.render('account/totp.njk', {
      ...pageContext(request),
      secret,
      uri: totpUri(secret, identity.username),
    });
  }

  @Post('totp')
  async enrol(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Body() form: Record<string, unknown>,
  ): Promise<void> {
    const session = sessionOf(request);
    const secret = session.data.flash;
    const code = String(form['code'] ?? '').replace(/\s+/g, '');
    if (!secret) return response.redirect(303, '/account/totp');
    if (!totpMatches(secret, identity.username, code, new Date())) {
      const errors = [
        { text: 'Enter the 6-digit code your authenticator app shows now', href: '#code' },
      ];
      response.status(400).render('account/totp.njk', {
        ...pageContext(request),
        secret,
        uri: totpUri(secret, identity.username),
        errors,
        errorList: errors,
      });
      return;
    }
    await this.accounts.setTotpSecret(identity.accountId, secret);
    delete session.data.flash;
    await this.sessions.save(session);
    await this.audit.record(identity, 'enrolled-totp');
    response.redirect(303, '/account');
  }
}
