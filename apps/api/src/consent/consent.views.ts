import type { RiskOverrideGround, RiskOverrideScope } from '@throughcare/contracts';

import type { ConsentRecordEntity } from './consent-record.entity';
import type { RiskOverrideEntity } from './risk-override.entity';

/** One consent version as the API answers it. Instants are ISO strings, so a replay is identical. */
export interface ConsentVersionView {
  prisonNumber: string;
  version: number;
  communityTreatment: boolean;
  cjit: boolean;
  probation: boolean;
  ndtms: boolean;
  releasePlanSigned: boolean;
  recordedBy: string;
  recordedAt: string;
  recordedByOrganisation: string;
}

/** A risk override as answered to the writer: the reason is left out, so no copy of it is kept elsewhere. */
export interface RiskOverrideView {
  overrideId: string;
  prisonNumber: string;
  ground: RiskOverrideGround;
  scope: RiskOverrideScope[];
  authorisedBy: string;
  recordedAt: string;
  consentSoughtFirst: boolean;
  personInformed: boolean;
  expiresAt: string | null;
  recordedByOrganisation: string;
}

/** The person's consent record: the reason is shown to those who may read the record. */
export interface ConsentRecordView {
  prisonNumber: string;
  current: ConsentVersionView | null;
  history: ConsentVersionView[];
  riskOverrides: Array<RiskOverrideView & { reason: string }>;
}

export function toConsentVersionView(record: ConsentRecordEntity): ConsentVersionView {
  return {
    prisonNumber: record.prisonNumber,
    version: record.version,
    communityTreatment: record.communityTreatment,
    cjit: record.cjit,
    probation: record.probation,
    ndtms: record.ndtms,
    releasePlanSigned: record.releasePlanSigned,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toISOString(),
    recordedByOrganisation: record.recordedByOrganisation,
  };
}

export function toRiskOverrideView(override: RiskOverrideEntity): RiskOverrideView {
  return {
    overrideId: override.overrideId,
    prisonNumber: override.prisonNumber,
    ground: override.ground,
    scope: override.scope,
    authorisedBy: override.authorisedBy,
    recordedAt: override.recordedAt.toISOString(),
    consentSoughtFirst: override.consentSoughtFirst,
    personInformed: override.personInformed,
    expiresAt: override.expiresAt?.toISOString() ?? null,
    recordedByOrganisation: override.recordedByOrganisation,
  };
}
