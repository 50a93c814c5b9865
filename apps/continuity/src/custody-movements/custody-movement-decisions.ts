import { isFridayOrPreHoliday, localDate, type MilestoneSettings } from '@throughcare/calendar';
import {
  courtReleaseMovement,
  custodyEpisodes,
  decideOnArrival,
  dischargeMovement,
  receptionMovement,
  transferMovement,
  type CustodyMovement,
} from '@throughcare/continuity-rules';
import {
  IntakeEventType,
  NoticeType,
  type CourtReleaseV1,
  type CustodyChange,
  type IntakeEvent,
  type NoticeCauseV1,
  type ReceptionFactsV1,
  type ReceptionReceivedV1,
  type ReleaseDischargedV1,
  type ReleasePlannedV1,
  type TransferCompletedV1,
} from '@throughcare/contracts';

import { openBridgingRequest } from '../bridging/bridging-request-decisions';
import {
  dirsOf,
  dueNow,
  enterEpisode,
  noOutcome,
  onOst,
  type ContinuityOutcome,
  type PendingCjitRequest,
  type PersonContinuityState,
} from '../continuity-state/person-continuity.state';

// One of the continuity service's decisions: it takes the person's state (mutated in place), the
// event and the clock's now, and says whether the record changed and which notices fall due. The
// Nest shell (person-continuity/person-continuity.handler.ts) claims, locks, saves and publishes.

/** Where the API placed an accepted intake event: its custody episode and what it changed. */
export interface IntakePlacement {
  episodeId: string;
  change: CustodyChange;
}

/** An intake event the API accepted onto the person's record. */
export function onIntakeAccepted(
  state: PersonContinuityState,
  intake: IntakeEvent,
  placement: IntakePlacement,
  settings: MilestoneSettings,
  now: Date,
): ContinuityOutcome {
  const result = noOutcome();
  // An older fact the episode has moved past: replaying it would hand a DIR back to a prison
  // the person has left, or re-plan a release already re-planned.
  if (placement.change === 'RECORDED_LATE') return result;
  const episode = enterEpisode(state, placement.episodeId);
  if (episode === 'PAST') return result;
  if (episode === 'STARTED') result.recordChanged = true;
  const eventId = intake.data.eventId;
  switch (intake.type) {
    case IntakeEventType.ReceptionReceived:
      received(state, intake.data, eventId, now, result);
      break;
    case IntakeEventType.TransferCompleted:
      transferred(state, intake.data, eventId, now, result);
      break;
    case IntakeEventType.ReleasePlanned:
      releasePlanned(state, intake.data, result);
      break;
    case IntakeEventType.ReleaseCancelled:
      state.release = null;
      state.communityDirHandoff = null;
      cancelOpenRequest(state, null, result);
      break;
    case IntakeEventType.ReleaseDischarged:
      discharged(state, intake.data, eventId, settings, now, result);
      break;
    case IntakeEventType.CourtReleaseReleased:
      releasedFromCourt(state, intake.data, eventId, settings, now, result);
      break;
    case IntakeEventType.ReleaseRetracted:
      // The provisional release did not happen: the person is still held (REL-09), so the
      // record takes new DIR versions to the community again. What the release already raised
      // (an OST alert, a bridging request) stands.
      if (state.leftCustody?.eventId === intake.data.retractedEventId) state.leftCustody = null;
      break;
  }
  return result;
}

function received(
  state: PersonContinuityState,
  data: ReceptionReceivedV1,
  eventId: string,
  now: Date,
  result: ContinuityOutcome,
): void {
  state.reception = {
    establishment: data.establishment,
    receivedAt: data.receivedAt,
    eventId,
    onOst: data.substanceMisuse.onOst,
    ...(data.substanceMisuse.ostMedicine ? { ostMedicine: data.substanceMisuse.ostMedicine } : {}),
    opiateUse: data.substanceMisuse.opiateUse,
  };
  // On the record, so the notifier knows the clinical picture of a court release that comes
  // before any planned release (DIS-10), and the provider that knows the person (REL-07).
  const atReception: ReceptionFactsV1 = {
    onOst: data.substanceMisuse.onOst,
    ...(data.substanceMisuse.ostMedicine ? { ostMedicine: data.substanceMisuse.ostMedicine } : {}),
    opiateUse: data.substanceMisuse.opiateUse,
    ...(data.communityProvider
      ? { communityProviderId: data.communityProvider.organisationId }
      : {}),
  };
  // The receiving prison's own reception after a transfer usually says the same: no new revision.
  if (!sameFacts(atReception, state.record.atReception)) {
    state.record.atReception = atReception;
    result.recordChanged = true;
  }
  const arrival = receptionMovement(data);
  state.movements.push({ ...arrival, eventId });
  const cause: NoticeCauseV1 = {
    type: IntakeEventType.ReceptionReceived,
    eventId,
    occurredAt: data.receivedAt,
    establishment: data.establishment,
  };
  arrive(state, arrival, cause, now, result);
}

/** Field by field: a row read back from jsonb does not keep the key order it was written in. */
function sameFacts(a: ReceptionFactsV1, b: ReceptionFactsV1 | undefined): boolean {
  return (
    b !== undefined &&
    a.onOst === b.onOst &&
    a.ostMedicine === b.ostMedicine &&
    a.opiateUse === b.opiateUse &&
    a.communityProviderId === b.communityProviderId
  );
}

function transferred(
  state: PersonContinuityState,
  data: TransferCompletedV1,
  eventId: string,
  now: Date,
  result: ContinuityOutcome,
): void {
  const arrival = transferMovement(data);
  state.movements.push({ ...arrival, eventId });
  const cause: NoticeCauseV1 = {
    type: IntakeEventType.TransferCompleted,
    eventId,
    occurredAt: data.transferredAt,
    establishment: data.fromEstablishment,
    toEstablishment: data.toEstablishment,
  };
  arrive(state, arrival, cause, now, result);
}

/**
 * What an arrival (already in the movements) does, as decideOnArrival says: a reception at the
 * prison the person was just transferred to ATTACHes the DIR handed over with the transfer, never
 * a second one (DIR-01); a DIR held elsewhere goes to the new prison on the
 * day (TRF-01); a CJIT holding the person is asked for its record
 * (DIR-06), once per episode.
 */
function arrive(
  state: PersonContinuityState,
  arrival: Exclude<CustodyMovement, { kind: 'RELEASE' }>,
  cause: NoticeCauseV1,
  now: Date,
  result: ContinuityOutcome,
): void {
  const decision = decideOnArrival(state.movements, dirsOf(state), arrival);
  for (const action of decision.actions) {
    if (action.kind === 'HAND_OFF_DIR' && arrival.kind === 'TRANSFER') {
      result.notices.push({
        type: NoticeType.DirHandoff,
        key: `handoff:${cause.eventId}`,
        ...dueNow(now),
        ...(state.release ? { release: state.release } : {}),
        cause: {
          ...cause,
          establishment: action.fromEstablishment,
          toEstablishment: action.toEstablishment,
        },
      });
    } else if (action.kind === 'HAND_OFF_DIR') {
      // A reception finding the DIR still with the sending prison: the transfer that brought the
      // person here is the cause (a case file to the receiving prison, not a community handoff).
      handOffToWhereHeld(state, now, result);
    } else {
      requestCjitRecord(state, { organisationId: action.organisationId, cause }, now, result);
    }
  }
  const dir = state.record.dir;
  if (decision.dir.action === 'ATTACH' && dir && dir.holder !== decision.dir.holder) {
    dir.holder = decision.dir.holder;
    result.recordChanged = true;
  }
}

/**
 * A DIR replicated after the person had already been moved on (the person-record and intake topics
 * are not ordered against each other, so the transfer may have found no DIR to hand over): it goes
 * to the prison holding the person now, as the transfer would have sent it on the day
 * (TRF-01), under the same notice id, so it is never sent twice.
 */
export function handOffToWhereHeld(
  state: PersonContinuityState,
  now: Date,
  result: ContinuityOutcome,
): void {
  const dir = state.record.dir;
  const episode = custodyEpisodes(state.movements).at(-1);
  if (!dir || !episode || episode.closedAt || episode.heldAt === dir.holder) return;
  const transfer = state.movements.findLast(
    (movement) => movement.kind === 'TRANSFER' && movement.toEstablishment === episode.heldAt,
  );
  if (transfer?.kind !== 'TRANSFER' || !transfer.eventId) return;
  const from = dir.holder;
  dir.holder = episode.heldAt;
  result.recordChanged = true;
  result.notices.push({
    type: NoticeType.DirHandoff,
    key: `handoff:${transfer.eventId}`,
    ...dueNow(now),
    ...(state.release ? { release: state.release } : {}),
    cause: {
      type: IntakeEventType.TransferCompleted,
      eventId: transfer.eventId,
      occurredAt: transfer.at,
      establishment: from,
      toEstablishment: episode.heldAt,
    },
  });
}

function releasePlanned(
  state: PersonContinuityState,
  data: ReleasePlannedV1,
  result: ContinuityOutcome,
): void {
  const { occurredAt: _occurredAt, ...release } = data;
  state.release = release;
  // A new date has its own two-day milestone, which hands the DIR over again.
  if (state.communityDirHandoff?.releaseDate !== release.releaseDate)
    state.communityDirHandoff = null;
  cancelOpenRequest(state, release.releaseDate, result);
}

/** A request for another release date (or a cancelled release) no longer applies. */
function cancelOpenRequest(
  state: PersonContinuityState,
  keepForDate: string | null,
  result: ContinuityOutcome,
): void {
  const request = state.record.bridgingRequest;
  if (!request || request.status !== 'OPEN' || request.releaseDate === keepForDate) return;
  request.status = 'CANCELLED';
  result.recordChanged = true;
}

function discharged(
  state: PersonContinuityState,
  data: ReleaseDischargedV1,
  eventId: string,
  settings: MilestoneSettings,
  now: Date,
  result: ContinuityOutcome,
): void {
  state.movements.push(dischargeMovement(data));
  const cause: NoticeCauseV1 = {
    type: IntakeEventType.ReleaseDischarged,
    eventId,
    occurredAt: data.dischargedAt,
    establishment: data.establishment,
  };
  state.leftCustody = cause;
  alertWhenReleasedOnOstWithoutPlan(state, cause, leftOn(data.dischargedAt, settings), now, result);
}

function courtCause(data: CourtReleaseV1, eventId: string): NoticeCauseV1 {
  return {
    type: IntakeEventType.CourtReleaseReleased,
    eventId,
    occurredAt: data.releasedAt,
    establishment: data.holdingEstablishment,
    court: data.court,
    reason: data.reason,
    ...(data.releaseArea ? { releaseArea: data.releaseArea } : {}),
  };
}

/**
 * Released from court: someone on OST needs a script today (OST-06), the
 * DIR goes to the community with the unplanned-release notice.
 */
function releasedFromCourt(
  state: PersonContinuityState,
  data: CourtReleaseV1,
  eventId: string,
  settings: MilestoneSettings,
  now: Date,
  result: ContinuityOutcome,
): void {
  state.movements.push(courtReleaseMovement(data));
  const cause = courtCause(data, eventId);
  state.leftCustody = cause;
  const releaseDate = localDate(new Date(data.releasedAt), settings.zone);
  openBridgingRequest(
    state,
    {
      releaseDate,
      releaseKind: 'COURT',
      clinical: { onOst: onOst(state) },
      ostPlan: state.record.ostPlan ?? null,
      settings,
      now,
    },
    data.holdingEstablishment,
    { dueAt: now.toISOString(), shortNotice: false, cause },
    result,
  );
  const fridayOrPreHoliday = leftOn(data.releasedAt, settings);
  if (state.record.dir)
    result.notices.push({
      type: NoticeType.DirHandoff,
      key: `court:${eventId}`,
      ...dueNow(now),
      fridayOrPreHoliday,
      ...(state.release ? { release: state.release } : {}),
      cause,
    });
  alertWhenReleasedOnOstWithoutPlan(state, cause, fridayOrPreHoliday, now, result);
}

/** Whether the person left custody on a Friday or the day before a bank holiday (libs/calendar). */
function leftOn(at: string, settings: MilestoneSettings): boolean {
  return isFridayOrPreHoliday(localDate(new Date(at), settings.zone), settings.bankHolidays);
}

/**
 * "Where a decision is made to release a person without access to a supply of OST ... the
 * reason ... should be clearly recorded" (OST-04): someone on OST leaving with no plan is an
 * alert to the releasing prison, counted, and named for what happened (OST-05): with no
 * bridging request either, `ost.released-without-plan`; with the request opened for them (at two
 * days as the safe default, or at once from court) and its script not yet issued,
 * `ost.released-awaiting-script`. A script issued is a supply: no alert.
 */
function alertWhenReleasedOnOstWithoutPlan(
  state: PersonContinuityState,
  cause: NoticeCauseV1,
  fridayOrPreHoliday: boolean,
  now: Date,
  result: ContinuityOutcome,
): void {
  if (!onOst(state) || state.record.ostPlan) return;
  const request = state.record.bridgingRequest;
  const status = request && request.status !== 'CANCELLED' ? request.status : null;
  if (status === 'ISSUED') return;
  result.notices.push({
    type:
      status === 'OPEN' ? NoticeType.OstReleasedAwaitingScript : NoticeType.OstReleasedWithoutPlan,
    key: `released:${cause.eventId}`,
    ...dueNow(now),
    fridayOrPreHoliday,
    ...(state.release ? { release: state.release } : {}),
    cause,
    counter: 'OST_RELEASED_WITHOUT_PLAN',
  });
}

/**
 * "Where a PDU is already on the CJIT caseload, and informed consent has been obtained to share
 * personal information, it is the responsibility of the CJIT to pass this information immediately
 * to prisons" (DIR-06). The hub asks the CJIT as soon as the reception named
 * it and the cjit consent is on record, whichever comes second; until then the request waits
 * (sent without consent it would only be withheld, and the CJIT would never be asked).
 */
export function requestCjitRecord(
  state: PersonContinuityState,
  request: PendingCjitRequest,
  now: Date,
  result: ContinuityOutcome,
): void {
  if (!state.cjitConsent) {
    if (!state.pendingCjitRequests.some((p) => p.organisationId === request.organisationId)) {
      state.pendingCjitRequests.push(request);
    }
    return;
  }
  result.notices.push({
    type: NoticeType.CjitRecordRequested,
    key: `cjit:${request.organisationId}`,
    ...dueNow(now),
    organisationId: request.organisationId,
    cause: request.cause,
  });
}

/** A consent version: a yes to the cjit scope sends the CJIT record requests waiting for it. */
export function onConsent(
  state: PersonContinuityState,
  cjit: boolean,
  now: Date,
): ContinuityOutcome {
  const result = noOutcome();
  state.cjitConsent = cjit;
  if (!cjit) return result;
  const waiting = state.pendingCjitRequests;
  state.pendingCjitRequests = [];
  for (const request of waiting) requestCjitRecord(state, request, now, result);
  return result;
}
