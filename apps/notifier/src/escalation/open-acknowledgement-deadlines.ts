import type { EntityManager } from 'typeorm';

import type { NoticeDueV1 } from '@throughcare/contracts';
import type { Recipient } from '@throughcare/disclosure';

import { releasingEstablishmentOf } from '../notices/routing-facts';
import { requiredAcknowledgement } from './acknowledgement-deadline';
import { AcknowledgementDeadlineEntity } from './acknowledgement-deadline.entity';

/**
 * In the transaction that opens a notice's deliveries: one deadline row per recipient that owes
 * an acknowledgement (ACK-02). The deadline itself is computed by the escalation sweeper, under
 * the configured settings; a redelivered notice opens nothing twice.
 */
export async function openAcknowledgementDeadlines(
  manager: EntityManager,
  notice: NoticeDueV1,
  deliveries: ReadonlyArray<{
    id: string;
    organisationId: string;
    recipientRole: Recipient['role'];
  }>,
  now: Date,
): Promise<void> {
  const owed = new Map<string, AcknowledgementDeadlineEntity>();
  for (const delivery of deliveries) {
    if (owed.has(delivery.organisationId)) continue;
    if (!requiredAcknowledgement(notice.noticeType, delivery.recipientRole)) continue;
    owed.set(delivery.organisationId, {
      noticeId: notice.noticeId,
      organisationId: delivery.organisationId,
      recipientRole: delivery.recipientRole,
      noticeType: notice.noticeType,
      prisonNumber: notice.prisonNumber,
      deliveryId: delivery.id,
      releasingEstablishment: releasingEstablishmentOf(notice) ?? null,
      releaseDate: notice.release?.releaseDate ?? null,
      issuedAt: new Date(notice.issuedAt),
      required: null,
      dueAt: null,
      nextStep: null,
      nextStepAt: null,
      declinedReason: null,
      closedAt: null,
      closedBy: null,
      createdAt: now,
    });
  }
  if (owed.size === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(AcknowledgementDeadlineEntity)
    .values([...owed.values()])
    .orIgnore()
    .execute();
}
