import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';

import type { StaffIdentity } from '../accounts/staff-account';
import { CONSOLE_POOL } from '../database/console-pool';

/** What the audit records (CSL-5): sign-ins, every view of a person's record, every write. */
export type AuditAction =
  | 'signed-in'
  | 'sign-in-refused'
  | 'signed-out'
  | 'viewed-caseload'
  | 'viewed-person'
  | 'refused-person'
  | 'recorded-person-form'
  | 'viewed-prescribing-queue'
  | 'issued-bridging-script'
  | 'viewed-deliveries'
  | 'replayed-delivery'
  | 'created-account'
  | 'enrolled-totp'
  | 'viewed-directory'
  | 'enabled-subscription'
  | 'issued-api-key'
  | 'revoked-api-key'
  | 'changed-organisation-contacts';

export interface AuditEvent {
  at: Date;
  username: string;
  action: AuditAction;
  prisonNumber: string | null;
  detail: string;
}

/** Append-only: the console never updates or deletes a row (retention aside). */
@Injectable()
export class AuditLog {
  constructor(@Inject(CONSOLE_POOL) private readonly pool: Pool) {}

  async record(
    who: Pick<StaffIdentity, 'accountId' | 'username'> | { accountId: null; username: string },
    action: AuditAction,
    what: { prisonNumber?: string; detail?: string } = {},
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO console.audit_event (account_id, username, action, prison_number, detail)
       VALUES ($1, $2, $3, $4, $5)`,
      [who.accountId, who.username, action, what.prisonNumber ?? null, what.detail ?? ''],
    );
  }

  async latest(filter: { prisonNumber?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    const { rows } = await this.pool.query<{
      at: Date;
      username: string;
      action: AuditAction;
      prison_number: string | null;
      detail: string;
    }>(
      `SELECT at, username, action, prison_number, detail FROM console.audit_event
       WHERE $1::text IS NULL OR prison_number = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [filter.prisonNumber ?? null, filter.limit ?? 200],
    );
    return rows.map((r) => ({
      at: r.at,
      username: r.username,
      action: r.action,
      prisonNumber: r.prison_number,
      detail: r.detail,
    }));
  }
}
