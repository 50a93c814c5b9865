import type { EntityManager } from 'typeorm';

import type { ConsentState, RiskOverride } from '@throughcare/disclosure';

import { ConsentStateEntity } from './consent-state.entity';
import { RiskOverrideEntity } from './risk-override.entity';

/**
 * A send and a consent change for the same person never interleave: a send holds the person's
 * consent lock shared from reading consent to recording its decision, a consent change holds it
 * exclusively. So a withdrawal either comes first (the send sees it) or sees the send's decision
 * (and tells that recipient consent was withdrawn).
 */
export async function lockConsentForSend(
  manager: EntityManager,
  prisonNumber: string,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [
    `consent:${prisonNumber}`,
  ]);
}

export async function lockConsentForChange(
  manager: EntityManager,
  prisonNumber: string,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`consent:${prisonNumber}`]);
}

export interface ConsentOnRecord {
  consent: ConsentState | null;
  overrides: RiskOverride[];
}

export async function consentOnRecord(
  manager: EntityManager,
  prisonNumber: string,
): Promise<ConsentOnRecord> {
  const state = await manager.findOneBy(ConsentStateEntity, { prisonNumber });
  const overrides = await manager.findBy(RiskOverrideEntity, { prisonNumber });
  return {
    consent: state ? toConsentState(state) : null,
    overrides: overrides.map((o) => ({
      overrideId: o.overrideId,
      ground: o.ground,
      scope: o.scope,
      recordedAt: o.recordedAt.toISOString(),
      expiresAt: o.expiresAt?.toISOString() ?? null,
    })),
  };
}

export function toConsentState(state: Omit<ConsentState, never>): ConsentState {
  return {
    version: state.version,
    communityTreatment: state.communityTreatment,
    cjit: state.cjit,
    probation: state.probation,
    ndtms: state.ndtms,
    releasePlanSigned: state.releasePlanSigned,
  };
}
