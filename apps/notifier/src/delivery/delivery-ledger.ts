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
export async function openDeliveries(
  manager: EntityManager,
  rows: NewDelivery[],
  /** The notices' contents when the caller has them (saves reading them back). */
  known?: ReadonlyMap<string, NoticeDueV1>,
): Promise<void> {
  if (rows.length === 0) return;
  // Opened at revision 1, the revision of their first publication: nothing to read back.
  const opened = rows.map((row) => ({ ...row, replays: 0, replaying: false, revision: 1 }));
  await manager.insert(DeliveryEntity, opened);
  const ids = [...new Set(rows.map((row) => row.noticeId))];
  const notices =
    known && ids.every((id) => known.has(id)) ? known : await noticeContents(manager, ids);
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
  const changed = await changeDeliveries(manager, [{ id, patch, whenStatus }]);
  return changed.has(id);
}

export interface DeliveryChange {
  id: string;
  patch: Partial<DeliveryEntity>;
  whenStatus?: DeliveryEntity['status'][];
}

/**
 * Several changes in the caller's transaction, published together: one statement per row
 * (change, revision bump and answer), then one read of what the publications carry and one
 * outbox write for all of them. Answers the ids that changed.
 */
export async function changeDeliveries(
  manager: EntityManager,
  changes: DeliveryChange[],
): Promise<Set<string>> {
  const changed: DeliveryEntity[] = [];
  for (const { id, patch, whenStatus } of changes) {
    const update = manager
      .createQueryBuilder()
      .update(DeliveryEntity)
      .set({ ...patch, revision: () => 'revision + 1' })
      .where('id = :id', { id });
    if (whenStatus) update.andWhere('status IN (:...whenStatus)', { whenStatus });
    const result = await update.returning('*').execute();
    const row = (result.raw as DeliveryRow[])[0];
    if (row) changed.push(deliveryOf(row));
  }
  if (changed.length === 0) return new Set();
  const facts = await publicationFacts(manager, changed);
  await writeOutbox(
    manager,
    NOTIFIER_SCHEMA,
    changed.map((delivery) => {
      const fact = facts.get(delivery.id);
      if (!fact)
        throw new Error(`notice ${delivery.noticeId} of delivery ${delivery.id} not found`);
      return deliveryUpdate(delivery, fact.notice, fact.attempts, fact.lastDecision);
    }),
  );
  return new Set(changed.map((delivery) => delivery.id));
}

/**
 * Claims deliveries for an attempt: each only while it is still PENDING at the attempt count the
 * caller read and not held by another attempt in progress (its next_attempt_at not yet due by
 * `dueBy`); a claimed row's next_attempt_at moves to `claimUntil`, so one attempt runs at a time
 * whoever asks (a worker, a first attempt, a re-armed timer), and a claim whose owner died lapses
 * by itself. Not published: the attempt's outcome is. Answers the ids claimed.
 */
export async function claimAttempts(
  manager: EntityManager,
  deliveries: ReadonlyArray<Pick<DeliveryEntity, 'id' | 'attempts'>>,
  dueBy: Date,
  claimUntil: Date,
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  const answer = (await manager.query(
    `UPDATE notifier.delivery d SET next_attempt_at = $1
       FROM unnest($2::text[], $3::int[]) AS c(id, attempts)
      WHERE d.id = c.id AND d.attempts = c.attempts AND d.status = 'PENDING'
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $4)
      RETURNING d.id`,
    [claimUntil, deliveries.map((d) => d.id), deliveries.map((d) => d.attempts), dueBy],
  )) as [Array<{ id: string }>, number];
  // TypeORM's postgres driver answers an UPDATE as [rows, affected].
  return new Set(answer[0].map((row) => row.id));
}

/** Gives up claims not used for a request: the deliveries are due again at `now`. */
export async function releaseClaims(
  manager: EntityManager,
  deliveries: ReadonlyArray<Pick<DeliveryEntity, 'id' | 'attempts'>>,
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE notifier.delivery d SET next_attempt_at = $1
       FROM unnest($2::text[], $3::int[]) AS c(id, attempts)
      WHERE d.id = c.id AND d.attempts = c.attempts AND d.status = 'PENDING'`,
    [now, deliveries.map((d) => d.id), deliveries.map((d) => d.attempts)],
  );
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

interface PublicationFacts {
  notice: NoticeDueV1;
  attempts: PublishedAttempt[];
  lastDecision: string | null;
}

/** Per delivery: its notice, its attempts so far and its last disclosure decision, in one round trip. */
async function publicationFacts(
  manager: EntityManager,
  deliveries: DeliveryEntity[],
): Promise<Map<string, PublicationFacts>> {
  const rows = (await manager.query(
    `SELECT d.id, n.content,
       (SELECT COALESCE(json_agg(json_build_object(
                 'attemptNumber', a.attempt_number,
                 'startedAt', to_char(a.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'statusCode', a.status_code, 'latencyMs', a.latency_ms, 'error', a.error)
               ORDER BY a.attempt_number), '[]'::json)
          FROM notifier.delivery_attempt a WHERE a.delivery_id = d.id) AS attempts,
       (SELECT dd.decision FROM notifier.disclosure_decision dd
         WHERE dd.delivery_id = d.id ORDER BY dd.id DESC LIMIT 1) AS last_decision
     FROM unnest($1::text[], $2::uuid[]) AS d(id, notice_id)
     JOIN notifier.notice n ON n.id = d.notice_id`,
    [deliveries.map((d) => d.id), deliveries.map((d) => d.noticeId)],
  )) as Array<{
    id: string;
    content: NoticeDueV1;
    attempts: PublishedAttempt[];
    last_decision: string | null;
  }>;
  return new Map(
    rows.map((row) => [
      row.id,
      { notice: row.content, attempts: row.attempts, lastDecision: row.last_decision },
    ]),
  );
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
