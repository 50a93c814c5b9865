import { Inject, Injectable } from '@nestjs/common';

import { AuditLog } from '../audit/audit-log';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { decoy, passwordMatches, totpMatches } from './credentials';
import { AFTER_SUCCESS, afterFailure, isLocked } from './lockout';
import { identityOf, type StaffAccount, type StaffIdentity } from './staff-account';
import { StaffAccounts } from './staff-accounts.repository';

export type PasswordOutcome =
  | { kind: 'signed-in'; identity: StaffIdentity }
  | { kind: 'code-needed'; accountId: string }
  | { kind: 'refused' };

/**
 * Sign-in with an embedded account (CSL-2): Argon2id password, then a TOTP code when the account
 * has one. A wrong password, a wrong code and a locked account all get the same answer, so the
 * page tells no one which usernames exist or which are locked.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly audit: AuditLog,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  async withPassword(
    username: string,
    password: string,
    now = new Date(),
  ): Promise<PasswordOutcome> {
    const account = await this.accounts.byUsername(username);
    if (!account?.passwordHash) {
      // An account of the OpenID Connect provider has no password: refused like an unknown one.
      await passwordMatches(await decoy(), password);
      await this.audit.record(
        { accountId: account?.id ?? null, username: username.slice(0, 100) },
        'sign-in-refused',
        { detail: account ? 'no password (signs in through the provider)' : 'unknown username' },
      );
      return { kind: 'refused' };
    }
    if (isLocked(account, now)) {
      await this.audit.record({ accountId: account.id, username }, 'sign-in-refused', {
        detail: 'locked',
      });
      return { kind: 'refused' };
    }
    if (!(await passwordMatches(account.passwordHash, password))) {
      await this.fail(account, 'wrong password', now);
      return { kind: 'refused' };
    }
    if (account.totpSecret) return { kind: 'code-needed', accountId: account.id };
    return { kind: 'signed-in', identity: await this.succeed(account, 'password') };
  }

  async withCode(accountId: string, code: string, now = new Date()): Promise<StaffIdentity | null> {
    const account = await this.accounts.byId(accountId);
    if (!account?.totpSecret || isLocked(account, now)) return null;
    if (!totpMatches(account.totpSecret, account.username, code, now)) {
      await this.fail(account, 'wrong code', now);
      return null;
    }
    return this.succeed(account, 'password and code');
  }

  private async fail(account: StaffAccount, why: string, now: Date): Promise<void> {
    const next = afterFailure(account, this.config.lockout, now);
    await this.accounts.saveLockout(account.id, next);
    const locked =
      next.lockedUntil && next.lockedUntil !== account.lockedUntil ? '; account locked' : '';
    await this.audit.record(
      { accountId: account.id, username: account.username },
      'sign-in-refused',
      { detail: why + locked },
    );
  }

  private async succeed(account: StaffAccount, how: string): Promise<StaffIdentity> {
    await this.accounts.saveLockout(account.id, AFTER_SUCCESS);
    const identity = identityOf(account);
    await this.audit.record(identity, 'signed-in', { detail: how });
    return identity;
  }
}
