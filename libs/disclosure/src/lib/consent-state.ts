import type { ConsentScope, RiskOverrideGround, RiskOverrideScope } from '@throughcare/contracts';

/** The consent on record for a person at one moment; `version` goes into every audit row. */
export interface ConsentState {
  version: number;
  communityTreatment: boolean;
  cjit: boolean;
  probation: boolean;
  ndtms: boolean;
  releasePlanSigned: boolean;
}

/** A recorded decision to disclose without consent because of risk (CON-04). */
export interface RiskOverride {
  overrideId: string;
  ground: RiskOverrideGround;
  scope: readonly RiskOverrideScope[];
  recordedAt: string;
  expiresAt?: string | null;
}

/** No consent recorded: every scope is refused and the plan is unsigned. */
export const NO_CONSENT: ConsentState = {
  version: 0,
  communityTreatment: false,
  cjit: false,
  probation: false,
  ndtms: false,
  releasePlanSigned: false,
};

export function consents(consent: ConsentState | null, scope: ConsentScope): boolean {
  return consent?.[scope] === true;
}

/** The override in force at `at` that covers `scope`, if any (the earliest recorded wins, for a stable audit). */
export function activeOverride(
  overrides: readonly RiskOverride[],
  scope: RiskOverrideScope,
  at: Date,
): RiskOverride | null {
  const inForce = overrides
    .filter(
      (o) =>
        o.scope.includes(scope) &&
        Date.parse(o.recordedAt) <= at.getTime() &&
        (!o.expiresAt || at.getTime() < Date.parse(o.expiresAt)),
    )
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  return inForce[0] ?? null;
}
