import type { EntityManager } from 'typeorm';

import type { ContinuityRecordV1 } from '@throughcare/contracts';

import { PersonContinuityEntity } from './person-continuity.entity';

/**
 * Keeps the highest revision of a person's continuity record. The record arrives twice (on
 * throughcare.continuity.v1 and inside the notices continuity issues), in either order; an
 * older copy never replaces a newer one, so the write is idempotent.
 */
export async function keepContinuityRecord(
  manager: EntityManager,
  record: ContinuityRecordV1,
): Promise<void> {
  await manager.query(
    `INSERT INTO notifier.person_continuity (prison_number, revision, record, updated_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (prison_number) DO UPDATE
       SET revision = EXCLUDED.revision, record = EXCLUDED.record, updated_at = EXCLUDED.updated_at
       WHERE person_continuity.revision < EXCLUDED.revision`,
    [record.prisonNumber, record.revision, JSON.stringify(record), record.updatedAt],
  );
}

/** The person's continuity record on file now, or null. */
export async function continuityOnRecord(
  manager: EntityManager,
  prisonNumber: string,
): Promise<ContinuityRecordV1 | null> {
  const row = await manager.findOneBy(PersonContinuityEntity, { prisonNumber });
  return row?.record ?? null;
}
