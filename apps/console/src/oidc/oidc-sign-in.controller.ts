import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import { homeOf } from '../accounts/sign-in.controller';
import { identityOf } from '../accounts/staff-account';
import { StaffAccounts } from '../accounts/staff-accounts.repository';
import { AuditLog } from '../audit/audit-log';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { type ConsoleRequest, sessionOf } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { setSessionCookie } from '../sessions/session-cookie';
import { SessionStore } from '../sessions/session-store';
import { personFromClaims } from './oidc-claims';
import { OidcSignIn } from './oidc-sign-in.service';

const START_AGAIN =
  'Your sign-in could not be completed. It may have taken too long or been started in another window. Sign in again.';

/**
 * Sign-in through the OpenID Connect provider (docs/console.md, CSL-1, CSL-3): `/sign-in/oidc`
 * sends the person there, `/sign-in/oidc/callback` takes them back. Their account is created on
 * the first sign-in and brought up to date with the provider's claims on each one; a person the
 * claims give no role is refused with a page saying so, and every refusal is audited (CSL-5).
 */
@Controller('sign-in/oidc')
export class OidcSignInController {
  constructor(
    private readonly oidc: OidcSignIn,
    private readonly sessions: SessionStore,
    private readonly accounts: StaffAccounts,
    private readonly audit: AuditLog,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  async start(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    if (!this.oidc.settings) throw new NotFoundException();
    const { url, pending } = await this.oidc.start();
    const session = sessionOf(request);
    session.data.oidcPending = pending;
    await this.sessions.save(session);
    response.redirect(303, url);
  }

  @Get('callback')
  async callback(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const settings = this.oidc.settings;
    if (!settings) throw new NotFoundException();
    const session = sessionOf(request);
    const pending = session.data.oidcPending;
    // One answer per sign-in: the pending state is spent whatever happens next.
    if (pending) {
      delete session.data.oidcPending;
      await this.sessions.save(session);
    }
    const query = request.originalUrl.includes('?')
      ? request.originalUrl.slice(request.originalUrl.indexOf('?'))
      : '';
    const outcome = pending
      ? await this.oidc.finish(`${settings.redirectUrl}${query}`, pending)
      : ({ kind: 'refused', detail: 'no sign-in pending in this session' } as const);
    if (outcome.kind === 'refused') {
      await this.audit.record({ accountId: null, username: 'unknown' }, 'sign-in-refused', {
        detail: `openid connect: ${outcome.detail}`,
      });
      return this.refuse(request, response, 400, START_AGAIN);
    }

    const mapped = personFromClaims(outcome.issuer, outcome.claims, settings.claims);
    if (mapped.kind === 'refused') {
      await this.audit.record({ accountId: null, username: mapped.username }, 'sign-in-refused', {
        detail: `openid connect: ${mapped.detail}`,
      });
      return this.refuse(request, response, 403, mapped.message);
    }
    const account = await this.accounts.upsertFromProvider(mapped.person);
    if (!account) {
      await this.audit.record(
        { accountId: null, username: mapped.person.username },
        'sign-in-refused',
        { detail: 'openid connect: username belongs to another account' },
      );
      return this.refuse(
        request,
        response,
        403,
        'Your username is already used by another account of this service. Ask your administrator for access.',
      );
    }
    const identity = identityOf(account);
    await this.audit.record(identity, 'signed-in', { detail: 'openid connect' });
    // A new session id from here on: one planted before sign-in is worth nothing (CSL-3).
    await this.sessions.destroy(session.id);
    const signedIn = await this.sessions.create({ identity, signedInAt: Date.now() });
    setSessionCookie(response, this.config, signedIn.id);
    response.redirect(303, homeOf(identity));
  }

  private refuse(
    request: ConsoleRequest,
    response: Response,
    status: number,
    message: string,
  ): void {
    response.status(status).render('sign-in/refused.njk', {
      ...pageContext(request),
      message,
      providerName: this.oidc.settings?.displayName,
    });
  }
}
