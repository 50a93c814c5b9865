import type { EntityManager, FindOptionsWhere } from 'typeorm';

import {
  DeliveryEventType,
  NoticeType,
  Topics,
  buildCloudEvent,
  type DeliveryUpdatedV1,
} from '@throughcare/contracts';
import { writeOutbox } from '@throughcare/messaging';

import { DisclosureDecisionEntity } from '../audit/disclosure-decision.entity';
import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { deliveredType } from '../notices/notice-kind';
import { NoticeEntity } from '../notices/notice.entity';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';

/** A new delivery row, before the ledger fills in its bookkeeping columns. */
export type NewDelivery = Omit<DeliveryEntity, 'replays' | 'replaying' | 'revision'>;

/**
 * Every change to a delivery goes through here, so that each one is also published (outbox,
 * same transaction) for the API's `GET /v1/deliveries`: the subscriber's view never disagrees
 * with the notifier's.
 */
export async function openDeliveries(manager: EntityManager, rows: NewDelivery[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.insert(
    DeliveryEntity,
    rows.map((row) => ({ ...row, replays: 0, replaying: false, revision: 0 })),
  );
  for (const row of rows) await publishDeliveryUpdate(manager, row.id);
}

/**
 * Changes a delivery only while it is still in one of `whenStatus` (a consent withdrawal or a
 * disabled endpoint may have settled it meanwhile); true when it changed.
 */
export async function changeDelivery(
  manager: EntityManager,
  id: string,
  patch: Partial<DeliveryEntity>,
  whenStatus?: DeliveryEntity['status'][],
): Promise<boolean> {
  const where: FindOptionsWhere<DeliveryEntity>[] = whenStatus
    ? whenStatus.map((status) => ({ id, status }))
    : [{ id }];
  const result = await manager.update(DeliveryEntity, where, patch);
  if ((result.affected ?? 0) === 0) return false;
  await publishDeliveryUpdate(manager, id);
  return true;
}

async function publishDeliveryUpdate(manager: EntityManager, id: string): Promise<void> {
  await manager.increment(DeliveryEntity, { id }, 'revision', 1);
  const delivery = await manager.findOneByOrFail(DeliveryEntity, { id });
  const notice = await manager.findOneByOrFail(NoticeEntity, { id: delivery.noticeId });
  const attempts = await manager.find(DeliveryAttemptEntity, {
    where: { deliveryId: id },
    order: { attemptNumber: 'ASC' },
  });
  const lastDecision = await manager.findOne(DisclosureDecisionEntity, {
    where: { deliveryId: id },
    order: { id: 'DESC' },
  });
  const data: DeliveryUpdatedV1 = {
    deliveryId: id,
    noticeId: delivery.noticeId,
    noticeType:
      lastDecision?.decision === 'ALERT'
        ? NoticeType.UnplannedAlert
        : deliveredType(notice.content, delivery.recipientRole),
    organisationId: delivery.organisationId,
    subscriptionId: delivery.subscriptionId,
    channel: delivery.channel,
    status: delivery.status,
    createdAt: delivery.createdAt.toISOString(),
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    replays: delivery.replays,
    attempts: attempts.map((a) => ({
      attemptNumber: a.attemptNumber,
      startedAt: a.startedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      error: a.error,
    })),
    revision: delivery.revision,
  };
  await writeOutbox(manager, NOTIFIER_SCHEMA, [
    {
      // Keyed by organisation: one subscriber's view is updated in order.
      topic: Topics.Delivery,
      key: delivery.organisationId,
      event: buildCloudEvent({
        id: `${id}.r${delivery.revision}`,
        type: DeliveryEventType.DeliveryUpdated,
        time: new Date(),
        data,
      }),
    },
  ]);
}
