import type { EntityManager } from 'typeorm';

import { DomainError, DomainErrorCode } from '@throughcare/contracts';

/**
 * Locks the person's row for the rest of the transaction, so that writes to one person's consent
 * record are serialised and two versions never get the same number. Refuses a person the hub has
 * no record of.
 */
export async function lockPersonRecord(
  manager: EntityManager,
  prisonNumber: string,
): Promise<void> {
  const rows: unknown[] = await manager.query(
    'SELECT prison_number FROM api.person WHERE prison_number = $1 FOR UPDATE',
    [prisonNumber],
  );
  if (rows.length === 0) {
    throw new DomainError(DomainErrorCode.NotFound, `The hub has no record of ${prisonNumber}`);
  }
}

/** The previous highest version + 1 (1 for the first); call under lockPersonRecord. */
export async function nextConsentVersion(
  manager: EntityManager,
  prisonNumber: string,
): Promise<number> {
  const [row] = (await manager.query(
    'SELECT coalesce(max(version), 0) + 1 AS next FROM api.consent_record WHERE prison_number = $1',
    [prisonNumber],
  )) as Array<{ next: number }>;
  return Number(row?.next ?? 1);
}

/**
 * The person's latest consent version (0 when none), stamped on every intake event the API
 * accepts for them. Read under the person's row lock, which every consent write also takes: a
 * consent PUT answered before the event was accepted is always counted (read-your-writes).
 */
export async function latestConsentVersion(
  manager: EntityManager,
  prisonNumber: string,
): Promise<number> {
  const [row] = (await manager.query(
    'SELECT coalesce(max(version), 0) AS latest FROM api.consent_record WHERE prison_number = $1',
    [prisonNumber],
  )) as Array<{ latest: number }>;
  return Number(row?.latest ?? 0);
}
