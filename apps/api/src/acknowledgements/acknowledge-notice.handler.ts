import { randomUUID } from 'node:crypto';

import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DeliveryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type AcknowledgementV1,
  type DeliveryAcknowledgedV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { Caller } from '../auth/caller';
import { maySee } from '../deliveries/delivery-access';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { validationProblem } from '../http/problem-details';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { AcknowledgementEntity } from './acknowledgement.entity';
import { acknowledgementErrors } from './acknowledgement-rules';
import type { WriteRoute } from '../idempotency/write-route';

export interface AcknowledgeNotice {
  webhookId: string;
  body: AcknowledgementV1;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

export interface AcknowledgementView {
  acknowledgementId: string;
  deliveryId: string;
  noticeType: string;
  organisationId: string;
  status: AcknowledgementV1['status'];
  acknowledgedAt: string;
}

/**
 * `POST /v1/notices/{webhook-id}/acknowledgements` (ACK-01): the recipient of a delivery says what
 * became of the notice. Kept (append-only, the audit of who said what and when), put on the
 * person's timeline, and told to the notifier through the outbox, which stops the escalation
 * ladder (ACK-02) or, for a DECLINED one, tells the releasing prison at once (ACK-03).
 */
@Injectable()
export class AcknowledgeNoticeHandler {
  private readonly logger = new Logger(AcknowledgeNoticeHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: AcknowledgeNotice): Promise<WriteOutcome<AcknowledgementView>> {
    const { webhookId, body, caller } = command;
    const errors = acknowledgementErrors(body, this.clock.now());
    if (errors.length > 0) throw new BadRequestException(validationProblem(errors));
    const request = {
      ...command.route,
      caller,
      body,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      const delivery = await manager.findOneBy(DeliveryEntity, { deliveryId: webhookId });
      // Unknown, withheld and another organisation's read the same (docs/hub-interface.md §3).
      if (!delivery || !maySee(caller, delivery))
        throw new DomainError(DomainErrorCode.NotFound, `no notice ${webhookId}`);
      const row: AcknowledgementEntity = {
        acknowledgementId: randomUUID(),
        deliveryId: delivery.deliveryId,
        noticeId: delivery.noticeId,
        noticeType: delivery.noticeType,
        organisationId: delivery.organisationId,
        prisonNumber: await prisonNumberOf(manager, delivery.noticeId),
        status: body.status,
        action: body.action ?? null,
        reason: body.reason ?? null,
        acknowledgedBy: caller.organisationId ?? 'admin',
        acknowledgedAt: this.clock.now(),
      };
      await manager.insert(AcknowledgementEntity, row);
      await this.outbox.write(manager, [acknowledged(row)]);
      this.logger.log(`${row.status} of delivery ${row.deliveryId} by ${row.acknowledgedBy}`);
      return {
        acknowledgementId: row.acknowledgementId,
        deliveryId: row.deliveryId,
        noticeType: row.noticeType,
        organisationId: row.organisationId,
        status: row.status,
        acknowledgedAt: row.acknowledgedAt.toISOString(),
      };
    });
  }
}

/** The person a notice is about, from the API's copies of the notices issued (null: names no one). */
async function prisonNumberOf(manager: EntityManager, noticeId: string): Promise<string | null> {
  const rows: Array<{ prison_number: string }> = await manager.query(
    `SELECT prison_number FROM api.issued_notice WHERE notice_id = $1
     UNION ALL SELECT prison_number FROM api.release_notice WHERE notice_id = $1 LIMIT 1`,
    [noticeId],
  );
  return rows[0]?.prison_number ?? null;
}

function acknowledged(row: AcknowledgementEntity) {
  const data: DeliveryAcknowledgedV1 = {
    acknowledgementId: row.acknowledgementId,
    deliveryId: row.deliveryId,
    noticeId: row.noticeId,
    noticeType: row.noticeType,
    organisationId: row.organisationId,
    status: row.status,
    ...(row.action ? { action: row.action } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    acknowledgedAt: row.acknowledgedAt.toISOString(),
  };
  return {
    topic: Topics.DeliveryCommand,
    // Keyed by delivery, as replays: one delivery's commands are read in the order they were made.
    key: row.deliveryId,
    event: buildCloudEvent({
      id: row.acknowledgementId,
      type: DeliveryEventType.Acknowledged,
      time: row.acknowledgedAt,
      data,
      correlationId: correlationIdOrNew(),
    }),
  };
}
