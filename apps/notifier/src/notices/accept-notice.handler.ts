import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource, In, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { subscriptionWants, type NoticeDueV1 } from '@throughcare/contracts';
import { routeNotice, type Recipient, type RoutingGap } from '@throughcare/disclosure';
import { claimInboxEntry, type ValidEvent } from '@throughcare/messaging';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { DeliveryQueue } from '../delivery/delivery-queue.service';
import { deliveryId } from '../delivery/delivery-id';
import { openDeliveries, type NewDelivery } from '../delivery/delivery-ledger';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { recordDisclosureDecision } from '../audit/record-disclosure-decision';
import { parkUntilConsentArrives } from '../consent/consent-replica-gate';
import { keepContinuityRecord } from '../continuity/keep-continuity-record';
import { deliveredType } from './notice-kind';
import { NoticeEntity } from './notice.entity';
import { routingFactsOf } from './routing-facts';

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
    private readonly deliveryQueue: DeliveryQueue,
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

  async execute(event: ValidEvent): Promise<void> {
    const notice = event.envelope.data as NoticeDueV1;
    const deliveries = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return [];
      await manager.insert(NoticeEntity, {
        id: notice.noticeId,
        type: notice.noticeType,
        prisonNumber: notice.prisonNumber,
        content: notice,
        correlationId: event.envelope.correlationid ?? null,
        createdAt: this.clock.now(),
      });
      // The record as of the notice: never render it from an older copy than caused it.
      if (notice.continuity) await keepContinuityRecord(manager, notice.continuity);
      // Read-your-writes (issue 13): no delivery exists before the consent copy has caught up.
      if (await parkUntilConsentArrives(manager, notice)) return [];
      return this.routeAndOpen(manager, notice, event.envelope.correlationid);
    });
    // Armed together: the commands share the Redis connection's round trips.
    await Promise.all(
      deliveries
        .filter((d) => d.status === 'PENDING')
        .map((delivery) => this.deliveryQueue.arm(delivery)),
    );
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
    const routing = routeNotice(
      routingFactsOf(notice, await this.previouslyTold(manager, notice)),
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
        citation: 'seeds/002_1eed16caf82e2044.txt:655',
        fields: [],
        consentVersion: null,
        decidedAt: this.clock.now(),
        correlationId: correlationId ?? null,
      });
    }
  }

  /** Everyone a notice about this person's custody episode reached (for rescheduled / cancelled). */
  private async previouslyTold(manager: EntityManager, notice: NoticeDueV1): Promise<Recipient[]> {
    if (!notice.episodeId) return [];
    const rows: Array<{ organisation_id: string; recipient_role: Recipient['role'] }> =
      await manager.query(
        `SELECT DISTINCT d.organisation_id, d.recipient_role
         FROM notifier.delivery d JOIN notifier.notice n ON n.id = d.notice_id
        WHERE n.prison_number = $1 AND n.content->>'episodeId' = $2 AND d.status = 'DELIVERED'`,
        [notice.prisonNumber, notice.episodeId],
      );
    return rows.map((r) => ({ organisationId: r.organisation_id, role: r.recipient_role }));
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
      const endpoints = subscriptions.length > 0 ? subscriptions : [null];
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
    await openDeliveries(manager, rows);
    return rows;
  }
}
