import { In, type EntityManager } from 'typeorm';

import {
  DeliveryEventType,
  NoticeType,
  Topics,
  buildCloudEvent,
  type DeliveryUpdatedV1,
  type NoticeDueV1,
} from '@throughcare/contracts';
import { writeOutbox, type OutboxMessage } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { deliveredType } from '../notices/notice-kind';
import { NoticeEntity } from '../notices/notice.entity';
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
  // Opened at revision 1, the revision of their first publication: nothing to read back.
  const opened = rows.map((row) => ({ ...row, replays: 0, replaying: false, revision: 1 }));
  await manager.insert(DeliveryEntity, opened);
  const notices = await noticeContents(manager, [...new Set(rows.map((row) => row.noticeId))]);
  await writeOutbox(
    manager,
    NOTIFIER_SCHEMA,
    opened.map((delivery) =>
      deliveryUpdate(delivery, notices.get(delivery.noticeId) as NoticeDueV1, [], null),
    ),
  );
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
  // One statement changes the row, bumps its revision and answers it (it was four round trips).
  const update = manager
    .createQueryBuilder()
    .update(DeliveryEntity)
    .set({ ...patch, revision: () => 'revision + 1' })
    .where('id = :id', { id });
  if (whenStatus) update.andWhere('status IN (:...whenStatus)', { whenStatus });
  const result = await update.returning('*').execute();
  const row = (result.raw as DeliveryRow[])[0];
  if (!row) return false;
  const delivery = deliveryOf(row);
  const facts = await publicationFacts(manager, delivery);
  await writeOutbox(manager, NOTIFIER_SCHEMA, [
    deliveryUpdate(delivery, facts.notice, facts.attempts, facts.lastDecision),
  ]);
  return true;
}

interface DeliveryRow {
  id: string;
  notice_id: string;
  organisation_id: string;
  subscription_id: string | null;
  recipient_role: DeliveryEntity['recipientRole'];
  channel: DeliveryEntity['channel'];
  status: DeliveryEntity['status'];
  attempts: number;
  created_at: Date;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  replays: number;
  replaying: boolean;
  revision: number;
}

function deliveryOf(row: DeliveryRow): DeliveryEntity {
  return {
    id: row.id,
    noticeId: row.notice_id,
    organisationId: row.organisation_id,
    subscriptionId: row.subscription_id,
    recipientRole: row.recipient_role,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    replays: row.replays,
    replaying: row.replaying,
    revision: row.revision,
  };
}

async function noticeContents(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, NoticeDueV1>> {
  const notices = await manager.find(NoticeEntity, {
    where: { id: In(ids) },
    select: { id: true, content: true },
  });
  return new Map(notices.map((notice) => [notice.id, notice.content]));
}

type PublishedAttempt = DeliveryUpdatedV1['attempts'][number];

/** The notice, the attempts so far and the last disclosure decision, in one round trip. */
async function publicationFacts(
  manager: EntityManager,
  delivery: DeliveryEntity,
): Promise<{ notice: NoticeDueV1; attempts: PublishedAttempt[]; lastDecision: string | null }> {
  const [row] = (await manager.query(
    `SELECT n.content,
       (SELECT COALESCE(json_agg(json_build_object(
                 'attemptNumber', a.attempt_number,
                 'startedAt', to_char(a.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'statusCode', a.status_code, 'latencyMs', a.latency_ms, 'error', a.error)
               ORDER BY a.attempt_number), '[]'::json)
          FROM notifier.delivery_attempt a WHERE a.delivery_id = $1) AS attempts,
       (SELECT d.decision FROM notifier.disclosure_decision d
         WHERE d.delivery_id = $1 ORDER BY d.id DESC LIMIT 1) AS last_decision
     FROM notifier.notice n WHERE n.id = $2`,
    [delivery.id, delivery.noticeId],
  )) as Array<{ content: NoticeDueV1; attempts: PublishedAttempt[]; last_decision: string | null }>;
  if (!row) throw new Error(`notice ${delivery.noticeId} of delivery ${delivery.id} not found`);
  return { notice: row.content, attempts: row.attempts, lastDecision: row.last_decision };
}

function deliveryUpdate(
  delivery: DeliveryEntity,
  notice: NoticeDueV1,
  attempts: PublishedAttempt[],
  lastDecision: string | null,
): OutboxMessage {
  const id = delivery.id;
  const data: DeliveryUpdatedV1 = {
    deliveryId: id,
    noticeId: delivery.noticeId,
    noticeType:
      lastDecision === 'ALERT'
        ? NoticeType.UnplannedAlert
        : deliveredType(notice, delivery.recipientRole),
    organisationId: delivery.organisationId,
    subscriptionId: delivery.subscriptionId,
    channel: delivery.channel,
    status: delivery.status,
    createdAt: delivery.createdAt.toISOString(),
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    replays: delivery.replays,
    attempts,
    revision: delivery.revision,
  };
  return {
    // Keyed by organisation: one subscriber's view is updated in order.
    topic: Topics.Delivery,
    key: delivery.organisationId,
    event: buildCloudEvent({
      id: `${id}.r${delivery.revision}`,
      type: DeliveryEventType.DeliveryUpdated,
      time: new Date(),
      data,
    }),
  };
}
