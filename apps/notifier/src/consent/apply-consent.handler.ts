import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  ConsentEventType,
  NoticeType,
  type ConsentRecordedV1,
  type NoticeDueV1,
  type RiskOverrideRecordedV1,
} from '@throughcare/contracts';
import { rolesLosingAccess, type RecipientRole } from '@throughcare/disclosure';
import { claimInboxEntry } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { DeliveryQueue } from '../delivery/delivery-queue.service';
import { deliveryId } from '../delivery/delivery-id';
import { changeDelivery, openDeliveries, type NewDelivery } from '../delivery/delivery-ledger';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { NoticeDisclosure } from '../disclosure/notice-disclosure.service';
import { NoticeEntity } from '../notices/notice.entity';
import { lockConsentForChange, toConsentState } from './consent-on-record';
import type { ConsentEvent } from './consent-events.messages';
import { openLateNotices } from './late-notices';
import { NoticesAwaitingConsent } from './notices-awaiting-consent.service';
import { ConsentStateEntity } from './consent-state.entity';
import { RiskOverrideEntity } from './risk-override.entity';

const CONSUMER = 'notifier.apply-consent';

/**
 * Keeps the notifier's copy of consent and overrides. A new version that takes something away
 * from a recipient (a withdrawal, or an unsigned plan) at once re-decides that recipient's
 * queued and retrying deliveries (withholding what is now excluded) and sends everyone who
 * already received this person's data a `consent.withdrawn` notice carrying only the person's id
 * (CON-02: not to be used further without permission).
 */
@Injectable()
export class ApplyConsentHandler {
  private readonly logger = new Logger(ApplyConsentHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveryQueue: DeliveryQueue,
    private readonly disclosure: NoticeDisclosure,
    private readonly awaitingConsent: NoticesAwaitingConsent,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(event: ConsentEvent): Promise<void> {
    const opened = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return [];
      if (event.type === ConsentEventType.RiskOverrideRecorded) {
        await this.keepOverride(manager, event.data);
        return [];
      }
      return this.applyConsent(manager, event.data, event.envelope.correlationid ?? null);
    });
    for (const delivery of opened.filter((d) => d.status === 'PENDING'))
      await this.deliveryQueue.arm(delivery);
  }

  private async keepOverride(manager: EntityManager, data: RiskOverrideRecordedV1): Promise<void> {
    await manager.upsert(
      RiskOverrideEntity,
      {
        overrideId: data.overrideId,
        prisonNumber: data.prisonNumber,
        ground: data.ground,
        scope: data.scope,
        recordedAt: new Date(data.recordedAt),
        expiresAt: data.expiresAt ? new Date(data.expiresAt) : null,
      },
      ['overrideId'],
    );
    this.logger.log(`risk override ${data.overrideId} recorded for ${data.prisonNumber}`);
  }

  private async applyConsent(
    manager: EntityManager,
    data: ConsentRecordedV1,
    correlationId: string | null,
  ): Promise<NewDelivery[]> {
    // Exclusive: no send for this person is between reading consent and recording its decision.
    await lockConsentForChange(manager, data.prisonNumber);
    const previous = await manager.findOneBy(ConsentStateEntity, {
      prisonNumber: data.prisonNumber,
    });
    // Versions only move forward; a replayed or reordered older version changes nothing.
    if (previous && previous.version >= data.version) return [];
    const current = toConsentState(data);
    await manager.upsert(
      ConsentStateEntity,
      {
        ...current,
        prisonNumber: data.prisonNumber,
        recordedAt: new Date(data.recordedAt),
        appliedAt: this.clock.now(),
      },
      ['prisonNumber'],
    );
    const losing = rolesLosingAccess(
      previous ? toConsentState(previous) : null,
      current,
      this.clock.now(),
    );
    this.logger.log(
      `consent v${data.version} for ${data.prisonNumber}${losing.length ? `: access withdrawn from ${losing.join(', ')}` : ''}`,
    );
    // Read-your-writes (issue 13): notices that waited for this version go on, decided under it;
    // a recipient withheld from under an earlier version and allowed now gets the release late.
    const opened = [
      ...(await this.awaitingConsent.releaseReady(manager, data.prisonNumber, data.version)),
      ...(await openLateNotices(manager, data.prisonNumber, current, this.clock.now())),
    ];
    if (losing.length === 0) return opened;
    await this.redecideQueued(manager, data.prisonNumber, losing);
    return [...opened, ...(await this.tellHolders(manager, data, losing, correlationId))];
  }

  /** Queued or retrying deliveries to the recipients losing access are decided again now. */
  private async redecideQueued(
    manager: EntityManager,
    prisonNumber: string,
    roles: RecipientRole[],
  ): Promise<void> {
    const queued: DeliveryEntity[] = await manager
      .createQueryBuilder(DeliveryEntity, 'd')
      .innerJoin(NoticeEntity, 'n', 'n.id = d.notice_id')
      .where("d.status = 'PENDING' AND n.prison_number = :prisonNumber", { prisonNumber })
      .andWhere('d.recipient_role IN (:...roles)', { roles })
      .getMany();
    for (const delivery of queued) {
      const notice = await manager.findOneByOrFail(NoticeEntity, { id: delivery.noticeId });
      // Still allowed something (the OM's restricted set, the CJIT's alert): decided again, and
      // audited, when it is actually sent.
      const decided = await this.disclosure.decide(manager, delivery, notice);
      if (decided.decision.outcome !== 'WITHHOLD') continue;
      await this.disclosure.record(manager, [{ delivery, decided }], notice);
      await changeDelivery(manager, delivery.id, { status: 'WITHHELD', nextAttemptAt: null }, [
        'PENDING',
      ]);
      this.logger.log(
        `delivery ${delivery.id} withheld after consent change (${decided.decision.rule})`,
      );
    }
  }

  /**
   * Everyone who was sent this person's data (a SEND decision, whether or not the attempt
   * succeeded: it may have arrived) at an endpoint of a role now losing access is told.
   */
  private async tellHolders(
    manager: EntityManager,
    data: ConsentRecordedV1,
    roles: RecipientRole[],
    correlationId: string | null,
  ): Promise<NewDelivery[]> {
    const holders: Array<{
      organisation_id: string;
      recipient_role: RecipientRole;
      subscription_id: string | null;
    }> = await manager.query(
      `SELECT DISTINCT d.organisation_id, d.recipient_role, d.subscription_id
         FROM notifier.disclosure_decision dd
         JOIN notifier.delivery d ON d.id = dd.delivery_id
         JOIN notifier.notice n ON n.id = d.notice_id
        WHERE n.prison_number = $1 AND dd.decision = 'SEND' AND n.type <> $2
          AND d.recipient_role = ANY($3)`,
      [data.prisonNumber, NoticeType.ConsentWithdrawn, roles],
    );
    if (holders.length === 0) return [];
    const notice = withdrawalNotice(data, this.clock.now());
    await manager.insert(NoticeEntity, {
      id: notice.noticeId,
      type: notice.noticeType,
      prisonNumber: notice.prisonNumber,
      content: notice,
      correlationId,
      createdAt: this.clock.now(),
    });
    const rows: NewDelivery[] = holders.map((h) => ({
      id: deliveryId(notice.noticeId, h.organisation_id, h.subscription_id),
      noticeId: notice.noticeId,
      organisationId: h.organisation_id,
      subscriptionId: h.subscription_id,
      recipientRole: h.recipient_role,
      // The endpoint that received the data gets the withdrawal; no endpoint: the SPOC by e-mail.
      channel: h.subscription_id ? 'WEBHOOK' : 'EMAIL',
      status: 'PENDING',
      attempts: 0,
      createdAt: this.clock.now(),
      nextAttemptAt: new Date(),
      lastAttemptAt: null,
      deliveredAt: null,
    }));
    await openDeliveries(manager, rows);
    return rows;
  }
}

/** The consent.withdrawn notice: the person's id and when, nothing else. Its id is stable per version. */
function withdrawalNotice(data: ConsentRecordedV1, now: Date): NoticeDueV1 {
  const hex = createHash('sha256')
    .update(`consent-withdrawn|${data.prisonNumber}|${data.version}`)
    .digest('hex');
  const noticeId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return {
    noticeId,
    noticeType: NoticeType.ConsentWithdrawn,
    prisonNumber: data.prisonNumber,
    dueAt: data.recordedAt,
    issuedAt: now.toISOString(),
    shortNotice: false,
    fridayOrPreHoliday: false,
  };
}
