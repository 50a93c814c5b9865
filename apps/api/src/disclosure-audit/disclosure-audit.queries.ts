import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DisclosureRecordEntity } from './disclosure-record.entity';

/** A disclosure_record row with its instants as ISO strings. */
export interface DisclosureRecordView {
  decisionId: string;
  noticeId: string;
  noticeType: string;
  prisonNumber: string;
  deliveryId: string | null;
  organisationId: string | null;
  recipientRole: string | null;
  decision: string;
  rule: string;
  citation: string;
  fields: string[];
  consentVersion: number | null;
  riskOverrideId: string | null;
  decidedAt: string;
  receivedAt: string;
}

export const DISCLOSURE_RECORD_COLUMNS: ReadonlyArray<keyof DisclosureRecordView> = [
  'decisionId',
  'noticeId',
  'noticeType',
  'prisonNumber',
  'deliveryId',
  'organisationId',
  'recipientRole',
  'decision',
  'rule',
  'citation',
  'fields',
  'consentVersion',
  'riskOverrideId',
  'decidedAt',
  'receivedAt',
];

/** Every disclosure decision about one person, in the order they were made. */
@Injectable()
export class DisclosureAuditQueries {
  constructor(private readonly dataSource: DataSource) {}

  async disclosuresOf(prisonNumber: string): Promise<DisclosureRecordView[]> {
    const rows = await this.dataSource.getRepository(DisclosureRecordEntity).find({
      where: { prisonNumber },
      order: { decidedAt: 'ASC', receivedAt: 'ASC', decisionId: 'ASC' },
    });
    return rows.map((row) => ({
      ...row,
      decidedAt: row.decidedAt.toISOString(),
      receivedAt: row.receivedAt.toISOString(),
    }));
  }
}
