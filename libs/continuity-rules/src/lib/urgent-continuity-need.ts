import type { BridgingRequestStatus, OstPlanV1 } from '@throughcare/contracts';

/** Everything the hub may know about a person's OST and opiate use when they leave unplanned. */
export interface ContinuityNeedFacts {
  /** The planned release's clinical block, when a release was planned in this episode. */
  releaseClinical: { onOst: boolean; opiateHistory: boolean } | null;
  /** What the episode's reception said. */
  atReception: { onOst: boolean; opiateUse: boolean } | null;
  /** An OST plan exists only for someone on OST (OST-01). */
  ostPlan: Pick<OstPlanV1, 'arrangement'> | null;
  /** A bridging request is opened only for someone on OST (OST-03, OST-06). */
  bridgingRequest: { status: BridgingRequestStatus } | null;
}

/**
 * "That an urgent continuity need exists" on the non-identifying unplanned-release alert (DIS-10):
 * OST to continue or an overdose risk, from everything the hub knows (the planned release, the
 * reception, an OST plan, a bridging request), so a court release before any planned release is
 * not reported as unknown. null only when the hub holds no clinical fact at all: the alert still
 * goes, with the prison SPOC to call.
 */
export function urgentContinuityNeed(facts: ContinuityNeedFacts): boolean | null {
  const { releaseClinical, atReception, ostPlan, bridgingRequest } = facts;
  const liveRequest = bridgingRequest !== null && bridgingRequest.status !== 'CANCELLED';
  if (
    releaseClinical?.onOst ||
    releaseClinical?.opiateHistory ||
    atReception?.onOst ||
    atReception?.opiateUse ||
    ostPlan !== null ||
    liveRequest
  )
    return true;
  return releaseClinical || atReception ? false : null;
}
