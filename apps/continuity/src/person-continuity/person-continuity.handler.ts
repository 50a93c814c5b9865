import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { Inbox, Outbox } from '@throughcare/messaging';
import { METRICS_REGISTRY } from '@throughcare/observability';

import {
  continuityNoticeId,
  continuityNoticeMessage,
  recordUpdatedMessage,
} from './continuity-messages';
import { consentVersionCarriedBy, raiseConsentVersionSeen } from './consent-version-seen';
import type { ContinuityEvent } from './continuity-events.messages';
import { PersonContinuityEntity } from './person-continuity.entity';
import {
  emptyState,
  type ContinuityCounter,
  type ContinuityOutcome,
  type NoticeToIssue,
  type PersonContinuityState,
} from '../continuity-state/person-continuity.state';

export type ContinuityDecision = (state: PersonContinuityState, now: Date) => ContinuityOutcome;

/**
 * The one way continuity handles an event: claim it in the inbox, lock the person's row, run
 * the decision, then save the state and publish the record and the notices it caused, all in one
 * transaction (outbox). A notice already issued (same deterministic id) is not issued again.
 */
@Injectable()
export class PersonContinuityHandler {
  private readonly logger = new Logger(PersonContinuityHandler.name);
  private readonly ostReleasedWithoutPlan: Counter<'establishment'>;
  private readonly bridgingRequestsOpened: Counter<'establishment' | 'urgent'>;
  private readonly naloxoneMissing: Counter<'establishment'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.ostReleasedWithoutPlan = new Counter({
      name: 'throughcare_ost_released_without_plan_total',
      help: 'People on OST released with no OST plan on record, by releasing prison (OST-05)',
      labelNames: ['establishment'],
      registers: [registry],
    });
    this.bridgingRequestsOpened = new Counter({
      name: 'throughcare_bridging_requests_opened_total',
      help: 'FP10 / FP10MDA bridging requests opened, by prison; urgent="true" for court releases and releases planned inside two days',
      labelNames: ['establishment', 'urgent'],
      registers: [registry],
    });
    this.naloxoneMissing = new Counter({
      name: 'throughcare_naloxone_missing_total',
      help: 'Releases with an opiate history and no naloxone outcome at the two-day milestone, by releasing prison',
      labelNames: ['establishment'],
      registers: [registry],
    });
  }

  private count(counter: ContinuityCounter, establishment: string): void {
    switch (counter) {
      case 'OST_RELEASED_WITHOUT_PLAN':
        return this.ostReleasedWithoutPlan.inc({ establishment });
      case 'NALOXONE_MISSING':
        return this.naloxoneMissing.inc({ establishment });
      case 'BRIDGING_REQUEST_OPENED':
      case 'URGENT_BRIDGING_REQUEST_OPENED':
        return this.bridgingRequestsOpened.inc({
          establishment,
          urgent: String(counter === 'URGENT_BRIDGING_REQUEST_OPENED'),
        });
    }
  }

  async handle(
    event: ContinuityEvent,
    consumer: string,
    decide: ContinuityDecision,
  ): Promise<void> {
    // Every payload continuity reads names the person (intake, person record, notice, consent).
    const { prisonNumber } = event.data;
    const issued = await this.dataSource.transaction(async (manager) => {
      if (!(await this.inbox.claim(manager, consumer, event.envelope.id, event.topic))) return [];
      const state = await this.lockState(manager, prisonNumber);
      const consentVersion = await raiseConsentVersionSeen(
        manager,
        prisonNumber,
        consentVersionCarriedBy(event),
      );
      const now = this.clock.now();
      const outcome = decide(state, now);
      return this.saveAndPublish(manager, state, outcome, now, consentVersion);
    });
    // Counted once committed, and only for notices issued now (never for one found issued).
    for (const notice of issued)
      if (notice.counter)
        this.count(
          notice.counter,
          notice.cause?.establishment ?? notice.release?.establishment ?? 'unknown',
        );
  }

  private async lockState(
    manager: EntityManager,
    prisonNumber: string,
  ): Promise<PersonContinuityState> {
    await manager.query(
      `INSERT INTO continuity.person_continuity (prison_number, updated_at) VALUES ($1, now())
       ON CONFLICT (prison_number) DO NOTHING`,
      [prisonNumber],
    );
    const row = await manager
      .getRepository(PersonContinuityEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.prison_number = :prisonNumber', { prisonNumber })
      .getOneOrFail();
    const empty = emptyState(prisonNumber);
    return {
      prisonNumber,
      episodeId: row.episodeId,
      revision: row.revision,
      record: row.record ?? empty.record,
      movements: row.movements,
      release: row.release,
      reception: row.reception,
      leftCustody: row.leftCustody,
      pastEpisodeIds: row.pastEpisodeIds,
      cjitConsent: row.cjitConsent,
      pendingCjitRequests: row.pendingCjitRequests,
      communityDirHandoff: row.communityDirHandoff,
    };
  }

  /** Saves the state; publishes the record if it changed and every notice not issued before. */
  private async saveAndPublish(
    manager: EntityManager,
    state: PersonContinuityState,
    outcome: ContinuityOutcome,
    now: Date,
    consentVersion: number,
  ): Promise<NoticeToIssue[]> {
    const issued: Array<{ noticeId: string; notice: NoticeToIssue }> = [];
    for (const notice of outcome.notices) {
      const noticeId = continuityNoticeId(state.prisonNumber, state.episodeId, notice);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO continuity.continuity_notice (notice_id, prison_number, notice_type, issued_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (notice_id) DO NOTHING RETURNING notice_id`,
        [noticeId, state.prisonNumber, notice.type, now],
      );
      if (inserted.length > 0) issued.push({ noticeId, notice }); // else issued before
    }
    // A notice carries the record, so the first one needs a record to carry (revision >= 1).
    const recordChanged = outcome.recordChanged || (issued.length > 0 && state.revision === 0);
    if (recordChanged) {
      state.revision += 1;
      state.record = { ...state.record, revision: state.revision, updatedAt: now.toISOString() };
      if (state.episodeId) state.record.episodeId = state.episodeId;
    }
    await manager.update(PersonContinuityEntity, state.prisonNumber, {
      episodeId: state.episodeId,
      revision: state.revision,
      record: state.record,
      movements: state.movements,
      release: state.release,
      reception: state.reception,
      leftCustody: state.leftCustody,
      pastEpisodeIds: state.pastEpisodeIds,
      cjitConsent: state.cjitConsent,
      pendingCjitRequests: state.pendingCjitRequests,
      communityDirHandoff: state.communityDirHandoff,
      updatedAt: now,
    });
    const messages = recordChanged ? [recordUpdatedMessage(state.record, now)] : [];
    for (const { noticeId, notice } of issued) {
      messages.push(continuityNoticeMessage(noticeId, notice, state.record, now, consentVersion));
      // Ids only: a notice type beside a prison number would say something about their health.
      this.logger.log(`notice ${noticeId} issued (episode ${state.episodeId ?? 'none'})`);
    }
    await this.outbox.write(manager, messages);
    return issued.map(({ notice }) => notice);
  }
}
