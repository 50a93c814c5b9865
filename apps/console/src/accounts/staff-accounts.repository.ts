import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';

import { CONSOLE_POOL } from '../database/console-pool';
import type { ProviderPerson } from '../oidc/oidc-claims';
import type { LockoutState } from './lockout';
import type { StaffAccount, StaffRole } from './staff-account';

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  establishments: string[];
  organisation_id: string | null;
  password_hash: string | null;
  oidc_subject: string | null;
  totp_secret: string | null;
  failed_attempts: number;
  locked_until: Date | null;
}

function toAccount(row: AccountRow): StaffAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    establishments: row.establishments,
    organisationId: row.organisation_id,
    passwordHash: row.password_hash,
    oidcSubject: row.oidc_subject,
    totpSecret: row.totp_secret,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
  };
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  role: StaffRole;
  establishments: string[];
  organisationId: string | null;
  passwordHash: string;
  totpSecret: string | null;
  createdBy: string;
}

@Injectable()
export class StaffAccounts {
  constructor(@Inject(CONSOLE_POOL) private readonly pool: Pool) {}

  async byUsername(username: string): Promise<StaffAccount | null> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM console.staff_account WHERE username = $1',
      [username],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async byId(id: string): Promise<StaffAccount | null> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM console.staff_account WHERE id = $1',
      [id],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async list(): Promise<StaffAccount[]> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM console.staff_account ORDER BY username',
    );
    return rows.map(toAccount);
  }

  /** null when the username is taken. */
  async create(account: NewStaffAccount): Promise<StaffAccount | null> {
    const { rows } = await this.pool.query<AccountRow>(
      `INSERT INTO console.staff_account
         (username, display_name, role, establishments, organisation_id, password_hash, totp_secret, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (username) DO NOTHING RETURNING *`,
      [
        account.username,
        account.displayName,
        account.role,
        account.establishments,
        account.organisationId,
        account.passwordHash,
        account.totpSecret,
        account.createdBy,
      ],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /**
   * The account of a person the OpenID Connect provider vouched for, created on their first
   * sign-in and brought up to date with the provider's claims on each later one (no password).
   * null when their username belongs to another account (an embedded one, or another subject):
   * the console never joins two people's accounts by name.
   */
  async upsertFromProvider(person: ProviderPerson): Promise<StaffAccount | null> {
    try {
      const { rows } = await this.pool.query<AccountRow>(
        `INSERT INTO console.staff_account
           (username, display_name, role, establishments, organisation_id, password_hash, oidc_subject, created_by)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, 'openid connect sign-in')
         ON CONFLICT (oidc_subject) DO UPDATE SET
           username = EXCLUDED.username, display_name = EXCLUDED.display_name, role = EXCLUDED.role,
           establishments = EXCLUDED.establishments, organisation_id = EXCLUDED.organisation_id
         RETURNING *`,
        [
          person.username,
          person.displayName,
          person.role,
          person.establishments,
          person.organisationId,
          person.subject,
        ],
      );
      return rows[0] ? toAccount(rows[0]) : null;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return null; // username taken
      throw error;
    }
  }

  async saveLockout(id: string, state: LockoutState): Promise<void> {
    await this.pool.query(
      'UPDATE console.staff_account SET failed_attempts = $2, locked_until = $3 WHERE id = $1',
      [id, state.failedAttempts, state.lockedUntil],
    );
  }

  async setTotpSecret(id: string, secret: string | null): Promise<void> {
    await this.pool.query('UPDATE console.staff_account SET totp_secret = $2 WHERE id = $1', [
      id,
      secret,
    ]);
  }
}
