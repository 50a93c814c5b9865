import type { DeliveryStatusV1 } from '@throughcare/contracts';

import type { Caller } from '../auth/caller';

/** Which deliveries a list may show. */
export interface DeliveryScope {
  /** Only this organisation's; every organisation's when undefined (admin). */
  organisationId?: string;
  includeWithheld: boolean;
}

export type ScopeOutcome = { ok: true; scope: DeliveryScope } | { ok: false };

/** docs/hub-interface.md §3: "a replay sends a delivered or failed notice again". */
export const REPLAYABLE_STATUSES: readonly DeliveryStatusV1[] = ['DELIVERED', 'FAILED'];

/**
 * A subscriber sees only its own organisation's deliveries, and never a withheld one: that one
 * exists would tell it that the hub holds something about someone it may not hear of. Admin sees
 * everything and may narrow to one organisation.
 */
export function listScope(caller: Caller, requestedOrganisationId?: string): ScopeOutcome {
  if (caller.role === 'admin')
    return {
      ok: true,
      scope: {
        includeWithheld: true,
        ...(requestedOrganisationId ? { organisationId: requestedOrganisationId } : {}),
      },
    };
  // A key without an organisation cannot own deliveries: refuse rather than show everything.
  if (!caller.organisationId) return { ok: false };
  if (requestedOrganisationId && requestedOrganisationId !== caller.organisationId)
    return { ok: false };
  return { ok: true, scope: { organisationId: caller.organisationId, includeWithheld: false } };
}

/** Whether the caller may know this delivery exists. */
export function maySee(
  caller: Caller,
  delivery: { organisationId: string; status: DeliveryStatusV1 },
): boolean {
  if (caller.role === 'admin') return true;
  return (
    caller.organisationId !== undefined &&
    delivery.organisationId === caller.organisationId &&
    delivery.status !== 'WITHHELD'
  );
}

export type ReplayRefusal = 'not-found' | 'not-replayable';

/**
 * Why a replay is refused, or null when it may go ahead. Visibility comes first, so a subscriber
 * asking about a withheld (or another organisation's) delivery learns nothing from a 409.
 */
export function replayRefusal(
  caller: Caller,
  delivery: { organisationId: string; status: DeliveryStatusV1 } | null,
): ReplayRefusal | null {
  if (!delivery || !maySee(caller, delivery)) return 'not-found';
  if (!REPLAYABLE_STATUSES.includes(delivery.status)) return 'not-replayable';
  return null;
}
