import { bridgingRequestFor, type BridgingRequestQuestion } from '@throughcare/continuity-rules';
import {
  NoticeType,
  type BridgingRequestV1,
  type BridgingScriptIssuedV1,
} from '@throughcare/contracts';

import {
  deterministicId,
  dueNow,
  type ContinuityOutcome,
  type NoticeToIssue,
  type PersonContinuityState,
} from '../continuity-state/person-continuity.state';

// The person's bridging request (FP10 / FP10MDA): opened at the two-day milestone or at once from
// court (libs/continuity-rules decides whether, how urgent and the cover), issued by a prescriber.

/**
 * Opens the request the rules call for, unless one for the same release is already on record (a
 * redelivered or re-fired cause never opens a second), and asks the prison for the script.
 */
export function openBridgingRequest(
  state: PersonContinuityState,
  question: BridgingRequestQuestion,
  establishment: string,
  notice: Pick<NoticeToIssue, 'dueAt' | 'shortNotice' | 'cause' | 'milestone'>,
  result: ContinuityOutcome,
): void {
  const existing = state.record.bridgingRequest;
  if (
    existing &&
    existing.status !== 'CANCELLED' &&
    existing.releaseDate === question.releaseDate &&
    existing.releaseKind === question.releaseKind
  )
    return;
  const plan = bridgingRequestFor(question);
  if (plan.kind !== 'REQUEST') return;
  const clinical = state.release?.clinical;
  const ostMedicine = clinical?.ostMedicine ?? state.reception?.ostMedicine;
  const doseMg = clinical?.doseMg;
  const ostPlan = state.record.ostPlan;
  const request: BridgingRequestV1 = {
    id: deterministicId(
      state.prisonNumber,
      state.episodeId ?? '',
      'bridging',
      question.releaseKind,
      question.releaseDate,
    ),
    prisonNumber: state.prisonNumber,
    establishment,
    status: 'OPEN',
    releaseKind: question.releaseKind,
    releaseDate: question.releaseDate,
    urgent: plan.urgent,
    fridayOrPreHoliday: plan.fridayOrPreHoliday,
    openedAt: plan.openAt.toISOString(),
    coverFrom: plan.coverFrom,
    coverUntil: plan.coverUntil,
    ...(ostMedicine ? { ostMedicine: ostMedicine as BridgingRequestV1['ostMedicine'] } : {}),
    ...(doseMg !== undefined ? { doseMg } : {}),
    ...(ostPlan?.lastPrisonDoseAt ? { lastPrisonDoseAt: ostPlan.lastPrisonDoseAt } : {}),
    ...(ostPlan?.communityAppointment
      ? { communityAppointmentAt: ostPlan.communityAppointment.at }
      : {}),
  };
  state.record.bridgingRequest = request;
  result.recordChanged = true;
  result.notices.push({
    type: NoticeType.BridgingScriptRequested,
    key: request.id,
    fridayOrPreHoliday: plan.fridayOrPreHoliday,
    ...(state.release ? { release: state.release } : {}),
    ...notice,
    counter: plan.urgent ? 'URGENT_BRIDGING_REQUEST_OPENED' : 'BRIDGING_REQUEST_OPENED',
  });
}

/** Issuing the script tells the community provider (docs/hub-interface.md §4). */
export function bridgingScriptIssued(
  state: PersonContinuityState,
  data: BridgingScriptIssuedV1,
  now: Date,
  result: ContinuityOutcome,
): void {
  const request = state.record.bridgingRequest;
  // The API answers 404 / 409 for these; a redelivery finds the request already ISSUED.
  if (!request || request.id !== data.requestId || request.status !== 'OPEN') return;
  request.status = 'ISSUED';
  request.issued = data.issued;
  result.recordChanged = true;
  result.notices.push({
    type: NoticeType.BridgingScriptIssued,
    key: request.id,
    ...dueNow(now),
    fridayOrPreHoliday: request.fridayOrPreHoliday,
    ...(state.release ? { release: state.release } : {}),
    // From court there may be no planned release: the court release names the area.
    ...(request.releaseKind === 'COURT' && state.leftCustody ? { cause: state.leftCustody } : {}),
  });
}
