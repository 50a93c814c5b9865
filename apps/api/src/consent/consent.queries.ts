import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ConsentRecordEntity } from './consent-record.entity';
import { toConsentVersionView, toRiskOverrideView, type ConsentRecordView } from './consent.views';
import { RiskOverrideEntity } from './risk-override.entity';

/** Read side of consent: every version (oldest first) and every risk override. */
@Injectable()
export class ConsentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async consentRecordOf(prisonNumber: string): Promise<ConsentRecordView> {
    const versions = await this.dataSource
      .getRepository(ConsentRecordEntity)
      .find({ where: { prisonNumber }, order: { version: 'ASC' } });
    const overrides = await this.dataSource
      .getRepository(RiskOverrideEntity)
      .find({ where: { prisonNumber }, order: { recordedAt: 'ASC', createdAt: 'ASC' } });
    const history = versions.map(toConsentVersionView);
    return {
      prisonNumber,
      current: history.at(-1) ?? null,
      history,
      riskOverrides: overrides.map((o) => ({ ...toRiskOverrideView(o), reason: o.reason })),
    };
  }
}
