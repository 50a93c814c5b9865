import { localInstant } from '@throughcare/calendar';
import type { BridgingRequestStatus, MilestoneKind, OstPlanV1 } from '@throughcare/contracts';

const HOUR_MS = 3_600_000;
/** "the last dose given in prison covers only the first 24 hours after leaving" (OST-02). */
const LAST_DOSE_COVERS_MS = 24 * HOUR_MS;
/** A script is collected when the pharmacy opens on its first day (design: OST-09). */
const PHARMACY_OPENS = '09:00';

export interface LastDoseCoverQuestion {
  releaseDate: string;
  zone: string;
  ostPlan: Pick<OstPlanV1, 'arrangement' | 'communityAppointment' | 'lastPrisonDoseAt'> | null;
  bridgingRequest: { status: BridgingRequestStatus; coverFrom: string } | null;
}

export type LastDoseCover =
  /** No supply to reach: no plan (OST-05 alerts), or a recorded decision to release without (OST-04). */
  | { kind: 'NOT_APPLICABLE' }
  | { kind: 'NOT_RECORDED'; supplyFrom: string }
  | { kind: 'COVERED'; coveredUntil: string; supplyFrom: string }
  | { kind: 'GAP'; coveredUntil: string; supplyFrom: string; gapHours: number };

/**
 * Whether the last prison dose carries the person to their next supply (OST-09): it covers the
 * 24 hours after it is given (OST-02), and must reach the community dose (the booked
 * appointment) or the bridging script (collected from the pharmacy's opening on its first day).
 * A script on record wins over the plan's wording, as it does on the notices.
 */
export function checkLastDoseCover(question: LastDoseCoverQuestion): LastDoseCover {
  const supplyFrom = supplyStartsAt(question);
  if (!supplyFrom) return { kind: 'NOT_APPLICABLE' };
  const lastDose = question.ostPlan?.lastPrisonDoseAt;
  if (!lastDose) return { kind: 'NOT_RECORDED', supplyFrom: supplyFrom.toISOString() };
  const coveredUntil = new Date(Date.parse(lastDose) + LAST_DOSE_COVERS_MS);
  const cover = { coveredUntil: coveredUntil.toISOString(), supplyFrom: supplyFrom.toISOString() };
  const gapMs = supplyFrom.getTime() - coveredUntil.getTime();
  return gapMs > 0
    ? { kind: 'GAP', ...cover, gapHours: Math.ceil(gapMs / HOUR_MS) }
    : { kind: 'COVERED', ...cover };
}

function supplyStartsAt({
  releaseDate,
  zone,
  ostPlan,
  bridgingRequest,
}: LastDoseCoverQuestion): Date | null {
  if (bridgingRequest && bridgingRequest.status !== 'CANCELLED')
    return localInstant(bridgingRequest.coverFrom, PHARMACY_OPENS, zone);
  if (!ostPlan || ostPlan.arrangement === 'NONE') return null;
  if (ostPlan.arrangement === 'COMMUNITY_DOSE_BOOKED' && ostPlan.communityAppointment)
    return new Date(ostPlan.communityAppointment.at);
  return localInstant(releaseDate, PHARMACY_OPENS, zone);
}

/**
 * The releasing prison is alerted at the two-day milestone, while a dose can still be moved or a
 * script brought forward, and again on the morning of release (OST-09). A last dose not yet
 * recorded two days out is not a gap yet; on the day it is: nothing shows the person is covered.
 */
export function lastDoseAlertDue(cover: LastDoseCover, milestone: MilestoneKind): boolean {
  if (milestone === 'SIX_WEEKS') return false;
  if (cover.kind === 'GAP') return true;
  return cover.kind === 'NOT_RECORDED' && milestone === 'DAY_OF_RELEASE';
}
