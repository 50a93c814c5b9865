import type { ConsentScope, RiskOverrideScope } from '@throughcare/contracts';

/**
 * The part an organisation plays for one notice. Prisons play two: the releasing (or holding)
 * prison, whose own team already holds the record, and the receiving prison on a transfer.
 */
export const RECIPIENT_ROLES = [
  'COMMUNITY_PROVIDER',
  'CJIT',
  'OFFENDER_MANAGER',
  'RELEASING_PRISON',
  'RECEIVING_PRISON',
] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/** The consent scope that governs each out-of-prison role (CON-01). */
export const CONSENT_SCOPE_OF_ROLE: Partial<
  Record<RecipientRole, ConsentScope & RiskOverrideScope>
> = {
  COMMUNITY_PROVIDER: 'communityTreatment',
  CJIT: 'cjit',
  OFFENDER_MANAGER: 'probation',
};

export function isCommunityRole(role: RecipientRole): role is 'COMMUNITY_PROVIDER' | 'CJIT' {
  return role === 'COMMUNITY_PROVIDER' || role === 'CJIT';
}
