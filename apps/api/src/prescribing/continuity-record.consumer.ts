import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';

import {
  ContinuityEventType,
  ContinuityRecordV1,
  Topics,
  type ContinuityRecordV1 as ContinuityRecord,
} from '@throughcare/contracts';
import { ConsumedEventRunner, consumes } from '@throughcare/messaging';

const CONTINUITY_RECORDS = consumes(Topics.Continuity, {
  [ContinuityEventType.RecordUpdated]: ContinuityRecordV1,
});

/**
 * Keeps the prescribers' view of bridging requests from the continuity service's record of each
 * person. The record's `revision` rises per person with every change: only a revision above the
 * highest one read for the person is applied, so a redelivered or overtaken copy changes nothing.
 * An issue recorded here is never undone by a record published before continuity heard of it.
 */
@Controller()
export class ContinuityRecordConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly dataSource: DataSource,
  ) {}

  @EventPattern(Topics.Continuity)
  async onContinuityRecord(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, CONTINUITY_RECORDS, (event) =>
      this.dataSource.transaction((manager) => keepRecord(manager, event.data)),
    );
  }
}

async function keepRecord(manager: EntityManager, record: ContinuityRecord): Promise<void> {
  if (!(await isNewerRevision(manager, record))) return;
  const request = record.bridgingRequest;
  if (!request) return;
  await manager.query(
    `INSERT INTO api.bridging_request
       (id, prison_number, establishment, status, urgent, opened_at, release_date, view, issued, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET
       status = CASE WHEN bridging_request.status = 'ISSUED' THEN 'ISSUED' ELSE EXCLUDED.status END,
       issued = coalesce(EXCLUDED.issued, bridging_request.issued),
       establishment = EXCLUDED.establishment, urgent = EXCLUDED.urgent,
       opened_at = EXCLUDED.opened_at, release_date = EXCLUDED.release_date,
       view = EXCLUDED.view, revision = EXCLUDED.revision`,
    [
      request.id,
      request.prisonNumber,
      request.establishment,
      request.status,
      request.urgent,
      request.openedAt,
      request.releaseDate,
      JSON.stringify(request),
      request.issued ? JSON.stringify(request.issued) : null,
      record.revision,
    ],
  );
}

/** Records the revision as the person's highest and says so; false for one at or below it. */
async function isNewerRevision(manager: EntityManager, record: ContinuityRecord): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO api.continuity_record_revision (prison_number, revision, updated_at)
     VALUES ($1, $2, now())
     ON CONFLICT (prison_number) DO UPDATE SET revision = EXCLUDED.revision, updated_at = now()
       WHERE continuity_record_revision.revision < EXCLUDED.revision
     RETURNING prison_number`,
    [record.prisonNumber, record.revision],
  );
  return rows.length > 0;
}
