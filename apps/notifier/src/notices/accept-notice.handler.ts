import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource, In, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { subscriptionWants, type NoticeDueV1 } from '@throughcare/contracts';
import {
  routeNotice,
  routedToThoseToldBefore,
  type Recipient,
  type RoutingGap,
} from '@throughcare/disclosure';
import { claimInboxEntry } from '@throughcare/messaging';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { DeliveryAttempts } from '../delivery/delivery-attempts.service';
import { deliveryId } from '../delivery/delivery-id';
import { openDeliveries, type NewDelivery } from '../delivery/delivery-ledger';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { recordDisclosureDecision } from '../audit/record-disclosure-decision';
import { parkUntilConsentArrives } from '../consent/consent-replica-gate';
import { keepContinuityRecord } from '../continuity/keep-continuity-record';
import { openAcknowledgementDeadlines } from '../escalation/open-acknowledgement-deadlines';
import {
  everyoneToldOfRelease,
  standDownUnsentNotices,
} from '../release-follow-up/release-follow-up';
import { endpointsFor } from './delivery-endpoints';
import { deliveredType, noticeKindOf } from './notice-kind';
import type { NoticeDueEvent } from './notice-due.messages';
import { NoticeEntity } from './notice.entity';
import { continuityForRouting, routingFactsOf } from './routing-facts';

const CONSUMER = 'notifier.accept-notice';

/**
 * A notice fell due: keep it, choose its recipients, and open one delivery per recipient
 * endpoint, in one transaction; then arm the deliveries. Nothing personal goes into Redis.
 */
@Injectable()
export class AcceptNoticeHandler {
  private readonly logger = new Logger(AcceptNoticeHandler.name);
  private readonly unrouted: Counter<'rule'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: DeliveryAttempts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.unrouted = new Counter({
      name: 'throughcare_notice_routing_gaps_total',
      help: 'Notices missing an expected recipient (no organisation for the area, OM or prison not registered)',
      labelNames: ['rule'],
      registers: [registry],
    });
  }

  async execute(event: NoticeDueEvent): Promise<void> {
    const notice = event.data;
    // Held back while this process is sending as many notices as it may (its partition waits).
    await this.attempts.roomForFirstAttempts();
    const prepared = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return null;
      const entity: NoticeEntity = {
        id: notice.noticeId,
        type: notice.noticeType,
        prisonNumber: notice.prisonNumber,
        content: notice,
        correlationId: event.envelope.correlationid ?? null,
        createdAt: this.clock.now(),
      };
      await manager.insert(NoticeEntity, entity);
      // The record as of the notice: never render it from an older copy than caused it.
      if (notice.continuity) await keepContinuityRecord(manager, notice.continuity);
      // A cancelled release: what announced it and has not gone yet never goes (REL-07).
      await standDownUnsentNotices(manager, notice, this.clock.now());
      // Read-your-writes (issue 13): no delivery exists before the consent copy has caught up.
      if (await parkUntilConsentArrives(manager, notice)) return null;
      const opened = await this.routeAndOpen(manager, notice, event.envelope.correlationid);
      // First attempts are decided in this transaction and sent by this process once it commits,
      // not through the queue (issue 13); what cannot go now is armed there.
      return this.attempts.prepareFirstAttempts(manager, entity, opened);
    });
    if (prepared) await this.attempts.sendPreparedFirstAttempts(prepared);
  }

  /**
   * Chooses the notice's recipients and opens its deliveries, in the caller's transaction (also
   * for a notice that waited for consent); returns them, to arm after the commit.
   */
  async routeAndOpen(
    manager: EntityManager,
    notice: NoticeDueV1,
    correlationId: string | undefined,
  ): Promise<NewDelivery[]> {
    // Only a change or withdrawal goes to those told before: other notices skip that read.
    const toldBefore = routedToThoseToldBefore(noticeKindOf(notice))
      ? await everyoneToldOfRelease(manager, notice)
      : [];
    const routing = routeNotice(
      // The provider named at reception is on the continuity record (REL-08).
      routingFactsOf(notice, toldBefore, await continuityForRouting(manager, notice)),
      await manager.find(RecipientOrganisationEntity),
    );
    await this.recordGaps(manager, notice, routing.gaps, correlationId);
    return this.openDeliveries(manager, notice, routing.recipients);
  }

  /**
   * A recipient that should exist and does not (no organisation for the area, the OM's probation
   * service not registered, no prison to alert) is audited as UNROUTED and counted: never silent.
   */
  private async recordGaps(
    manager: EntityManager,
    notice: NoticeDueV1,
    gaps: RoutingGap[],
    correlationId: string | undefined,
  ): Promise<void> {
    for (const gap of gaps) {
      this.unrouted.inc({ rule: gap.rule });
      this.logger.warn(`notice ${notice.noticeId}: ${gap.rule} (${gap.detail})`);
      await recordDisclosureDecision(manager, {
        noticeId: notice.noticeId,
        noticeType: notice.noticeType,
        prisonNumber: notice.prisonNumber,
        decision: 'UNROUTED',
        rule: gap.rule,
        citation: 'REL-04',
        fields: [],
        consentVersion: null,
        decidedAt: this.clock.now(),
        correlationId: correlationId ?? null,
      });
    }
  }

  /**
   * One delivery per recipient webhook that wants the notice; a recipient without one gets it by
   * secure e-mail to its SPOC. A disabled endpoint's notices wait (PAUSED) for it to be enabled.
   */
  private async openDeliveries(
    manager: EntityManager,
    notice: NoticeDueV1,
    recipients: Recipient[],
  ): Promise<NewDelivery[]> {
    const rows: NewDelivery[] = [];
    // Every recipient's webhooks in one read, not one per recipient.
    const webhooks = await manager.findBy(WebhookSubscriptionEntity, {
      organisationId: In(recipients.map((recipient) => recipient.organisationId)),
    });
    for (const recipient of recipients) {
      const subscriptions = webhooks.filter(
        (s) =>
          s.organisationId === recipient.organisationId &&
          subscriptionWants(s.types, deliveredType(notice, recipient.role)),
      );
      const endpoints = endpointsFor(notice, subscriptions);
      for (const subscription of endpoints) {
        const paused = subscription?.status === 'DISABLED';
        rows.push({
          id: deliveryId(notice.noticeId, recipient.organisationId, subscription?.id ?? null),
          noticeId: notice.noticeId,
          organisationId: recipient.organisationId,
          subscriptionId: subscription?.id ?? null,
          recipientRole: recipient.role,
          channel: subscription ? 'WEBHOOK' : 'EMAIL',
          status: paused ? 'PAUSED' : 'PENDING',
          attempts: 0,
          createdAt: this.clock.now(),
          nextAttemptAt: paused ? null : new Date(),
          lastAttemptAt: null,
          deliveredAt: null,
        });
      }
    }
    await openDeliveries(manager, rows, new Map([[notice.noticeId, notice]]));
    // What each recipient owes in acknowledgement, and by when (ACK-02).
    await openAcknowledgementDeadlines(manager, notice, rows, this.clock.now());
    return rows;
  }
}
