import { Inject, Injectable } from '@nestjs/common';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import { CourtCandidatesRepository } from '../court-candidates/court-candidates.repository';
import {
  decideRelease,
  releaseMovementOf,
  type ReleaseMovement,
} from '../provisional-releases/provisional-release-decision';
import {
  ProvisionalReleasesRepository,
  type PersonReleases,
} from '../provisional-releases/provisional-releases.repository';
import { plannedReleaseOf, receptionTypeOf } from '../release-dates/planned-release';
import { PrisonerSearchClient } from '../release-dates/prisoner-search.client';
import { AdapterRecordsRepository } from './adapter-records.repository';
import type { HubAction } from './hmpps-event-mapping';
import { hmppsSource, hubEventId } from './hub-event-ids';
import { HubIntakeClient, type HubAnswer } from './hub-intake.client';

export interface Effect {
  outcome: string;
  hubEventIds: string[];
  /** For /metrics: accepted by the hub, refused by it, or noted by the adapter only. */
  status: 'accepted' | 'refused' | 'noted' | 'unknown';
}

type Movement = Extract<HubAction, { establishment: string }>;

// HMPPS events say nothing clinical. The hub's reception needs an answer; these are the
// answers "not recorded yet", which the prison's healthcare team corrects (docs/hmpps-adapter.md, HMPPS-9).
const SUBSTANCE_MISUSE_NOT_RECORDED = { opiateUse: false, onOst: false, alcohol: false };
const CLINICAL_NOT_RECORDED = { onOst: false, opiateHistory: false };

function noted(outcome: string): Effect {
  return { outcome, hubEventIds: [], status: 'noted' };
}

/** What each mapped action does: posts to the hub's intake and moves the adapter's own position. */
@Injectable()
export class MovementEffects {
  constructor(
    private readonly hub: HubIntakeClient,
    private readonly search: PrisonerSearchClient,
    private readonly records: AdapterRecordsRepository,
    private readonly courtCandidates: CourtCandidatesRepository,
    private readonly releases: ProvisionalReleasesRepository,
    @Inject(HMPPS_ADAPTER_CONFIG) private readonly config: HmppsAdapterConfig,
  ) {}

  async apply(messageId: string, action: Exclude<HubAction, { kind: 'unknown' }>): Promise<Effect> {
    switch (action.kind) {
      case 'not-relevant':
        return noted('no change for the hub');
      case 'release-dates-changed':
        return this.planRelease(messageId, action.prisonNumber, undefined);
      default:
        return this.movement(messageId, action);
    }
  }

  private async movement(messageId: string, action: Movement): Promise<Effect> {
    const releaseMovement = releaseMovementOf(action);
    if (!releaseMovement) return this.otherMovement(messageId, action);
    // A release, or a reception that may end one: decided one at a time per person (HMPPS-10).
    const decided = await this.releases.forPerson(action.prisonNumber, (releases) =>
      this.aroundRelease(messageId, action, releaseMovement, releases),
    );
    return decided ?? this.otherMovement(messageId, action);
  }

  /**
   * Provisional and confirmed releases (HMPPS-10): the immediate stream's release is posted at
   * once, marked provisional; the delayed stream's copy confirms it and posts nothing; a
   * reception back before that retracts it. Answers null for a movement handled as before.
   */
  private async aroundRelease(
    messageId: string,
    action: Movement,
    releaseMovement: ReleaseMovement,
    releases: PersonReleases,
  ): Promise<Effect | null> {
    const latest = await releases.latest();
    const decision = decideRelease(releaseMovement, latest);
    if (action.stream === 'delayed' && decision.action !== 'pass')
      await this.courtCandidates.closeBefore(action.prisonNumber, action.occurredAt);
    switch (decision.action) {
      case 'post-provisional': {
        const effect = await this.discharge(messageId, action, true);
        if (effect.status === 'accepted')
          await releases.record({
            hubEventId: provisionalDischargeId(action),
            establishment: action.establishment,
            releasedAt: action.occurredAt,
            status: 'PROVISIONAL',
            messageId,
          });
        return effect;
      }
      case 'post-confirmed': {
        const effect = await this.discharge(messageId, action, false);
        if (effect.status === 'accepted')
          await releases.record({
            hubEventId: hubEventId(messageId, 'discharge'),
            establishment: action.establishment,
            releasedAt: action.occurredAt,
            status: 'CONFIRMED',
            messageId,
          });
        return effect;
      }
      case 'confirm':
        await releases.confirm((latest as NonNullable<typeof latest>).hubEventId);
        return noted('provisional release confirmed by the delayed stream: nothing posted');
      case 'retract':
        return this.retract(messageId, action, releases, latest as NonNullable<typeof latest>);
      case 'returned':
        await releases.returned(
          (latest as NonNullable<typeof latest>).hubEventId,
          action.occurredAt,
          false,
        );
        return null;
      case 'ignore':
        return noted(`${decision.why}: nothing posted`);
      case 'pass':
        return null;
    }
  }

  /** Received back before the delayed stream confirmed the release: it did not happen. */
  private async retract(
    messageId: string,
    action: Movement,
    releases: PersonReleases,
    provisional: { hubEventId: string; establishment: string },
  ): Promise<Effect> {
    const eventId = hubEventId(provisional.hubEventId, 'release-retracted');
    const answer = await this.hub.post('release-retracted', {
      eventId,
      prisonNumber: action.prisonNumber,
      establishment: provisional.establishment,
      retractedEventId: provisional.hubEventId,
      occurredAt: action.occurredAt,
      source: hmppsSource(messageId),
    });
    if (answer.accepted) {
      await releases.returned(provisional.hubEventId, action.occurredAt, true);
      await this.records.move(action.prisonNumber, {
        establishment: provisional.establishment,
        inTransit: false,
        occurredAt: action.occurredAt,
      });
    }
    return effectOf('release retracted', answer, [eventId]);
  }

  private async otherMovement(messageId: string, action: Movement): Promise<Effect> {
    // Only releases are acted on from the immediate stream (above); the rest of it can flap
    // and is observed: the delayed stream, which suppresses reversed movements, tells the hub.
    if (action.stream === 'immediate') return noted('observed on the immediate stream');
    // Back in custody, or moved on: not released from court that day (HMPPS-11).
    if (['court-return', 'reception', 'transfer-in', 'discharge'].includes(action.kind))
      await this.courtCandidates.closeBefore(action.prisonNumber, action.occurredAt);
    switch (action.kind) {
      case 'reception':
        return this.reception(messageId, action, []);
      case 'transfer-in':
        return this.transferIn(messageId, action);
      case 'transfer-out':
        await this.records.move(action.prisonNumber, { ...action, inTransit: true });
        return noted('left for another prison: the transfer is recorded when it arrives');
      case 'discharge':
        return this.discharge(messageId, action, false);
      case 'court-candidate':
        await this.courtCandidates.open({
          messageId,
          prisonNumber: action.prisonNumber,
          establishment: action.establishment,
          sentAt: new Date(action.occurredAt),
        });
        return noted('sent to court: a candidate court release until a return the same day');
      case 'court-return':
        return noted('back from court');
      case 'hospital-release':
        return noted('released to hospital: the hub has no event for it, nothing posted');
      case 'temporary-absence':
        return noted('temporary absence: no change');
    }
  }

  private async reception(messageId: string, action: Movement, before: string[]): Promise<Effect> {
    const prisoner = await this.search.prisoner(action.prisonNumber);
    const eventId = hubEventId(messageId, 'reception');
    const answer = await this.hub.post('reception', {
      eventId,
      prisonNumber: action.prisonNumber,
      establishment: action.establishment,
      receivedAt: action.occurredAt,
      receptionType: receptionTypeOf(prisoner),
      substanceMisuse: SUBSTANCE_MISUSE_NOT_RECORDED,
      source: hmppsSource(messageId),
    });
    const received = effectOf('reception', answer, [...before, eventId]);
    if (!answer.accepted) return received;
    await this.records.move(action.prisonNumber, { ...action, inTransit: false });
    const release = await this.planRelease(messageId, action.prisonNumber, prisoner ?? null);
    return {
      outcome: `${received.outcome}; ${release.outcome}`,
      hubEventIds: [...received.hubEventIds, ...release.hubEventIds],
      status: 'accepted',
    };
  }

  private async transferIn(messageId: string, action: Movement): Promise<Effect> {
    const position = await this.records.position(action.prisonNumber);
    const from = position?.establishment;
    // Unknown to the adapter: the reception alone opens the record where the person is.
    if (!from || from === action.establishment) return this.reception(messageId, action, []);
    const eventId = hubEventId(messageId, 'transfer');
    const answer = await this.hub.post('transfer', {
      eventId,
      prisonNumber: action.prisonNumber,
      fromEstablishment: from,
      toEstablishment: action.establishment,
      transferredAt: action.occurredAt,
      source: hmppsSource(messageId),
    });
    if (!answer.accepted) return effectOf('transfer', answer, [eventId]);
    const received = await this.reception(messageId, action, [eventId]);
    return { ...received, outcome: `transfer accepted; ${received.outcome}` };
  }

  private async discharge(
    messageId: string,
    action: Movement,
    provisional: boolean,
  ): Promise<Effect> {
    const eventId = provisional
      ? provisionalDischargeId(action)
      : hubEventId(messageId, 'discharge');
    const answer = await this.hub.post('discharge', {
      eventId,
      prisonNumber: action.prisonNumber,
      establishment: action.establishment,
      dischargedAt: action.occurredAt,
      ...(provisional ? { provisional: true } : {}),
      source: hmppsSource(messageId),
    });
    return effectOf(provisional ? 'provisional discharge' : 'discharge', answer, [eventId]);
  }

  /**
   * Posts the planned release Prisoner Search gives, or moves it when its date changed
   * (HMPPS-8). `prisoner` null: Prisoner Search was asked already and does not know them.
   */
  private async planRelease(
    messageId: string,
    prisonNumber: string,
    known: Awaited<ReturnType<PrisonerSearchClient['prisoner']>> | null,
  ): Promise<Effect> {
    if (!this.search.enabled) return noted('release dates: Prisoner Search not configured');
    const prisoner = known === undefined ? await this.search.prisoner(prisonNumber) : known;
    if (!prisoner) return noted('release dates: not in Prisoner Search');
    const plan = plannedReleaseOf(prisoner);
    if (!plan) return noted('release dates: none yet');
    const establishment = prisoner.prisonId ?? '';
    const localAuthorityCode = this.config.releaseAreas.get(establishment);
    if (!localAuthorityCode) return noted('release dates: no release area for the prison');
    const position = await this.records.position(prisonNumber);
    if (position?.plannedReleaseDate === plan.releaseDate)
      return noted(`release dates: ${plan.releaseDate} unchanged`);
    const eventId = hubEventId(messageId, `release:${plan.releaseDate}`);
    const answer = await this.hub.post('release', {
      eventId,
      prisonNumber,
      establishment,
      releaseDate: plan.releaseDate,
      releaseType: plan.releaseType,
      supervision: { onLicence: plan.onLicence },
      releaseArea: { localAuthorityCode },
      clinical: CLINICAL_NOT_RECORDED,
      source: hmppsSource(messageId),
    });
    if (answer.accepted) await this.records.notePlannedRelease(prisonNumber, plan.releaseDate);
    return effectOf(`release ${plan.releaseDate}`, answer, [eventId]);
  }
}

/**
 * A provisional release's hub event id derives from the person and the movement, not the HMPPS
 * message: two immediate-stream messages about the same movement post one release (HMPPS-10).
 */
function provisionalDischargeId(action: Movement): string {
  return hubEventId(`${action.prisonNumber}@${action.occurredAt}`, 'provisional-discharge');
}

function effectOf(what: string, answer: HubAnswer, hubEventIds: string[]): Effect {
  if (answer.accepted) return { outcome: `${what} accepted`, hubEventIds, status: 'accepted' };
  return {
    outcome: `${what} refused ${answer.status}: ${answer.detail}`,
    hubEventIds,
    status: 'refused',
  };
}
