import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CourtCandidate {
  messageId: string;
  prisonNumber: string;
  establishment: string;
  sentAt: Date;
}

/** `hmpps_adapter.court_candidate`: OPEN until a return, or until the day ends (HMPPS-11). */
@Injectable()
export class CourtCandidatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(candidate: CourtCandidate): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO hmpps_adapter.court_candidate (message_id, prison_number, establishment, sent_at, status)
       VALUES ($1, $2, $3, $4, 'OPEN') ON CONFLICT (message_id) DO NOTHING`,
      [candidate.messageId, candidate.prisonNumber, candidate.establishment, candidate.sentAt],
    );
  }

  /** Any movement back into (or on from) custody closes the person's earlier candidacies. */
  async closeBefore(prisonNumber: string, movedAt: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE hmpps_adapter.court_candidate SET status = 'RETURNED', decided_at = now()
        WHERE prison_number = $1 AND status = 'OPEN' AND sent_at <= $2`,
      [prisonNumber, movedAt],
    );
  }

  async allOpen(limit = 100): Promise<CourtCandidate[]> {
    const rows: {
      message_id: string;
      prison_number: string;
      establishment: string;
      sent_at: Date;
    }[] = await this.dataSource.query(
      `SELECT message_id, prison_number, establishment, sent_at FROM hmpps_adapter.court_candidate
          WHERE status = 'OPEN' ORDER BY sent_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      messageId: row.message_id,
      prisonNumber: row.prison_number,
      establishment: row.establishment,
      sentAt: row.sent_at,
    }));
  }

  /** False when a return closed it first (the sweep and a late return race). */
  async decide(messageId: string, status: 'RELEASED' | 'REFUSED'): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE hmpps_adapter.court_candidate SET status = $2, decided_at = now()
        WHERE message_id = $1 AND status = 'OPEN' RETURNING 1`,
      [messageId, status],
    );
    return rows.length > 0;
  }
}
