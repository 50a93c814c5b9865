import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CustodyPosition {
  establishment: string;
  inTransit: boolean;
  occurredAt: Date;
  plannedReleaseDate: string | null;
}

export interface HandledMessage {
  messageId: string;
  source: 'sns' | 'kafka';
  eventType: string;
  action: string;
  prisonNumber?: string;
  occurredAt?: string;
  outcome: string;
  hubEventIds: string[];
}

/** The adapter's rows in its own schema (hmpps_adapter). */
@Injectable()
export class AdapterRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async wasHandled(messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM hmpps_adapter.handled_message WHERE message_id = $1',
      [messageId],
    );
    return rows.length > 0;
  }

  /** False when another delivery of the same message was recorded first. */
  async recordHandled(message: HandledMessage): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO hmpps_adapter.handled_message
         (message_id, source, event_type, action, prison_number, occurred_at, outcome, hub_event_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (message_id) DO NOTHING RETURNING 1`,
      [
        message.messageId,
        message.source,
        message.eventType.slice(0, 200),
        message.action,
        message.prisonNumber ?? null,
        message.occurredAt ?? null,
        message.outcome.slice(0, 500),
        message.hubEventIds,
      ],
    );
    return rows.length > 0;
  }

  async storeUnknown(
    messageId: string,
    unknown: { eventType: string; reason?: string; why: string },
    body: unknown,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO hmpps_adapter.unknown_event (message_id, event_type, reason, why, body)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING`,
      [messageId, unknown.eventType.slice(0, 200), unknown.reason ?? null, unknown.why, body],
    );
  }

  async position(prisonNumber: string): Promise<CustodyPosition | undefined> {
    const rows: {
      establishment: string;
      in_transit: boolean;
      occurred_at: Date;
      planned_release_date: string | null;
    }[] = await this.dataSource.query(
      `SELECT establishment, in_transit, occurred_at, to_char(planned_release_date, 'YYYY-MM-DD') AS planned_release_date
         FROM hmpps_adapter.custody_position WHERE prison_number = $1`,
      [prisonNumber],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      establishment: row.establishment,
      inTransit: row.in_transit,
      occurredAt: row.occurred_at,
      plannedReleaseDate: row.planned_release_date,
    };
  }

  /**
   * Moves the person unless a later movement is already recorded (out-of-order delivery). The
   * planned release date stays: the hub carries a release plan across a transfer, and posting
   * the same date again from the new prison would plan its milestones (and notices) again.
   */
  async move(
    prisonNumber: string,
    position: { establishment: string; inTransit: boolean; occurredAt: string },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO hmpps_adapter.custody_position (prison_number, establishment, in_transit, occurred_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (prison_number) DO UPDATE
         SET establishment = EXCLUDED.establishment, in_transit = EXCLUDED.in_transit,
             occurred_at = EXCLUDED.occurred_at
         WHERE custody_position.occurred_at <= EXCLUDED.occurred_at`,
      [prisonNumber, position.establishment, position.inTransit, position.occurredAt],
    );
  }

  async notePlannedRelease(prisonNumber: string, releaseDate: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE hmpps_adapter.custody_position SET planned_release_date = $2 WHERE prison_number = $1`,
      [prisonNumber, releaseDate],
    );
  }

  /** The person's entries, oldest first: what the adapter did, with the HMPPS message ids. */
  async timeline(prisonNumber: string): Promise<HandledMessage[]> {
    const rows: {
      message_id: string;
      source: 'sns' | 'kafka';
      event_type: string;
      action: string;
      occurred_at: Date | null;
      outcome: string;
      hub_event_ids: string[];
    }[] = await this.dataSource.query(
      `SELECT message_id, source, event_type, action, occurred_at, outcome, hub_event_ids
         FROM hmpps_adapter.handled_message WHERE prison_number = $1
        ORDER BY occurred_at, handled_at`,
      [prisonNumber],
    );
    return rows.map((row) => ({
      messageId: row.message_id,
      source: row.source,
      eventType: row.event_type,
      action: row.action,
      prisonNumber,
      occurredAt: row.occurred_at?.toISOString(),
      outcome: row.outcome,
      hubEventIds: row.hub_event_ids,
    }));
  }
}
