import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { subscriptionWants, type NoticeDueV1 } from '@throughcare/contracts';
import { claimInboxEntry, type ValidEvent } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { DeliveryQueue } from '../delivery/delivery-queue.service';
import { deliveryId } from '../delivery/delivery-id';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { routeNotice, type Recipient } from '../recipients/route-recipients';
import { WebhookSubscriptionEntity } from '../recipients/webhook-subscription.entity';
import { NoticeEntity } from './notice.entity';

const CONSUMER = 'notifier.accept-notice';

/**
 * A notice fell due: keep it, choose its recipients, and open one delivery per recipient
 * endpoint, in one transaction; then arm the deliveries. Nothing personal goes into Redis.
 */
@Injectable()
export class AcceptNoticeHandler {
  private readonly logger = new Logger(AcceptNoticeHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveryQueue: DeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
      const recipients = routeNotice(
        notice,
        await manager.find(RecipientOrganisationEntity),
        await this.previouslyTold(manager, notice),
      );
      if (recipients.length === 0)
        this.logger.warn(`notice ${notice.noticeId}: no recipient registered for the release area`);
      const rows = await this.openDeliveries(manager, notice, recipients);
      await manager.insert(DeliveryEntity, rows);
      return rows;
    });
    for (const delivery of deliveries.filter((d) => d.status === 'PENDING'))
      await this.deliveryQueue.arm(delivery);
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

  private async openDeliveries(
    manager: EntityManager,
    notice: NoticeDueV1,
    recipients: Recipient[],
  ): Promise<DeliveryEntity[]> {
    const now = new Date();
    const rows: DeliveryEntity[] = [];
    for (const recipient of recipients) {
      const subscriptions = (
        await manager.findBy(WebhookSubscriptionEntity, {
          organisationId: recipient.organisationId,
        })
      ).filter((s) => subscriptionWants(s.types, notice.noticeType));
      const endpoints = subscriptions.length > 0 ? subscriptions.map((s) => s.id) : [null];
      for (const subscriptionId of endpoints) {
        rows.push({
          id: deliveryId(notice.noticeId, recipient.organisationId, subscriptionId),
          noticeId: notice.noticeId,
          organisationId: recipient.organisationId,
          subscriptionId,
          recipientRole: recipient.role,
          // Without a webhook the notice is kept visible; secure email to the SPOC comes with the delivery issue.
          status: subscriptionId ? 'PENDING' : 'NO_CHANNEL',
          attempts: 0,
          createdAt: this.clock.now(),
          nextAttemptAt: subscriptionId ? now : null,
          lastAttemptAt: null,
          deliveredAt: null,
        });
      }
    }
    return rows;
  }
}
