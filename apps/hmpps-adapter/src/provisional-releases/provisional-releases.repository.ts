import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import type { ReleaseRecord } from './provisional-release-decision';

export interface StoredRelease extends ReleaseRecord {
  hubEventId: string;
  establishment: string;
}

/** `hmpps_adapter.provisional_release`: each release told to the hub, and what became of it (HMPPS-10). */
@Injectable()
export class ProvisionalReleasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` holding the person's lock, so that two copies of a movement delivered at once
   * (SNS and Kafka, or both streams) decide one after the other, never both "not seen yet".
   */
  async forPerson<T>(prisonNumber: string, work: (rows: PersonReleases) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('hmpps-release:' || $1))`, [
        prisonNumber,
      ]);
      return work(new PersonReleases(manager, prisonNumber));
    });
  }
}

/** One person's release rows, inside the lock. */
export class PersonReleases {
  constructor(
    private readonly manager: EntityManager,
    private readonly prisonNumber: string,
  ) {}

  async latest(): Promise<StoredRelease | undefined> {
    const rows: {
      hub_event_id: string;
      establishment: string;
      released_at: Date;
      status: ReleaseRecord['status'];
      returned_at: Date | null;
    }[] = await this.manager.query(
      `SELECT hub_event_id, establishment, released_at, status, returned_at
         FROM hmpps_adapter.provisional_release WHERE prison_number = $1
        ORDER BY released_at DESC LIMIT 1`,
      [this.prisonNumber],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      hubEventId: row.hub_event_id,
      establishment: row.establishment,
      status: row.status,
      releasedAt: row.released_at.toISOString(),
      returnedAt: row.returned_at?.toISOString() ?? null,
    };
  }

  async record(release: {
    hubEventId: string;
    establishment: string;
    releasedAt: string;
    status: 'PROVISIONAL' | 'CONFIRMED';
    messageId: string;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO hmpps_adapter.provisional_release
         (hub_event_id, prison_number, establishment, released_at, status, message_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hub_event_id) DO NOTHING`,
      [
        release.hubEventId,
        this.prisonNumber,
        release.establishment,
        release.releasedAt,
        release.status,
        release.messageId,
      ],
    );
  }

  async confirm(hubEventId: string): Promise<void> {
    await this.manager.query(
      `UPDATE hmpps_adapter.provisional_release SET status = 'CONFIRMED', decided_at = now()
        WHERE hub_event_id = $1`,
      [hubEventId],
    );
  }

  /** RETRACTED (the hub was told), or CONFIRMED with the person back: either way, returned. */
  async returned(hubEventId: string, returnedAt: string, retracted: boolean): Promise<void> {
    await this.manager.query(
      `UPDATE hmpps_adapter.provisional_release
          SET returned_at = $2, decided_at = now(),
              status = CASE WHEN $3 THEN 'RETRACTED' ELSE status END
        WHERE hub_event_id = $1`,
      [hubEventId, returnedAt, retracted],
    );
  }
}
