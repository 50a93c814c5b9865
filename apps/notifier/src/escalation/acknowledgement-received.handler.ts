import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { DeliveryEventType, NoticeDueV1 } from '@throughcare/contracts';
import { claimInboxEntry } from '@throughcare/messaging';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import type { DeliveryCommand } from '../delivery/delivery-commands.messages';
import { DeliveryEntity } from '../delivery/delivery.entity';
import { NoticeEntity } from '../notices/notice.entity';
import { releasingEstablishmentOf } from '../notices/routing-facts';
import { closeOnAcknowledgement } from './acknowledgement-deadline';
import { AcknowledgementDeadlineEntity } from './acknowledgement-deadline.entity';
import { EscalationSweeper } from './escalation.sweeper';

const CONSUMER = 'notifier.acknowledgement-received';

/**
 * An acknowledgement from the API (throughcare.delivery.acknowledged): one that meets the
 * deadline closes it and stops the ladder at whatever step it reached (ACK-04); a DECLINED one
 * closes it and sends the releasing prison the reason at once (ACK-03), whether or not the notice
 * owed an acknowledgement.
 */
@Injectable()
export class AcknowledgementReceivedHandler {
  private readonly logger = new Logger(AcknowledgementReceivedHandler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sweeper: EscalationSweeper,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
  ) {}

  async execute(event: DeliveryCommand<typeof DeliveryEventType.Acknowledged>): Promise<void> {
    const ack = event.data;
    const declined = await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return false;
      const key = { noticeId: ack.noticeId, organisationId: ack.organisationId };
      const deadline = await manager.findOne(AcknowledgementDeadlineEntity, {
        where: key,
        lock: { mode: 'pessimistic_write' },
      });
      const at = new Date(ack.acknowledgedAt);
      if (ack.status === 'DECLINED') {
        const notice = await manager.findOneBy(NoticeEntity, { id: ack.noticeId });
        const delivery = await manager.findOneBy(DeliveryEntity, { id: ack.deliveryId });
        if (!notice || !delivery) return false;
        const toPrison = {
          nextStep: 'DECLINED_TO_PRISON' as const,
          nextStepAt: at,
          declinedReason: ack.reason ?? null,
          closedAt: null,
          closedBy: 'DECLINED',
        };
        if (deadline) await manager.update(AcknowledgementDeadlineEntity, key, toPrison);
        else
          await manager.insert(
            AcknowledgementDeadlineEntity,
            declinedRow(notice, delivery, at, toPrison),
          );
        return true;
      }
      if (deadline && !deadline.closedAt && deadline.nextStep !== 'DECLINED_TO_PRISON') {
        const closed = closeOnAcknowledgement(
          { ...deadline, role: deadline.recipientRole },
          ack.status,
          at,
          this.config.escalation.deadlines,
        );
        if (closed) {
          await manager.update(AcknowledgementDeadlineEntity, key, {
            ...closed,
            nextStep: null,
            nextStepAt: null,
          });
          this.logger.log(
            `notice ${ack.noticeId}: ${ack.status} by ${ack.organisationId}, ladder stopped`,
          );
        }
      }
      return false;
    });
    // ACK-03 "at once": not at the next sweep.
    if (declined) this.sweeper.sweepSoon();
  }
}

function declinedRow(
  notice: NoticeEntity,
  delivery: DeliveryEntity,
  at: Date,
  toPrison: Partial<AcknowledgementDeadlineEntity>,
): AcknowledgementDeadlineEntity {
  const content: NoticeDueV1 = notice.content;
  return {
    noticeId: notice.id,
    organisationId: delivery.organisationId,
    recipientRole: delivery.recipientRole,
    noticeType: notice.type,
    prisonNumber: notice.prisonNumber,
    deliveryId: delivery.id,
    releasingEstablishment: releasingEstablishmentOf(content) ?? null,
    releaseDate: content.release?.releaseDate ?? null,
    issuedAt: new Date(content.issuedAt),
    required: null,
    dueAt: at,
    nextStep: null,
    nextStepAt: null,
    declinedReason: null,
    closedAt: null,
    closedBy: null,
    createdAt: at,
    ...toPrison,
  };
}
