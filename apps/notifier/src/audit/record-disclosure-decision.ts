import { randomUUID } from 'node:crypto';

import type { EntityManager } from 'typeorm';

import {
  DisclosureDecidedEventType,
  Topics,
  buildCloudEvent,
  type DisclosureDecidedV1,
} from '@throughcare/contracts';
import { writeOutbox } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import { DisclosureDecisionEntity } from './disclosure-decision.entity';

export type DisclosureAuditEntry = Omit<DisclosureDecidedV1, 'decisionId' | 'decidedAt'> & {
  decidedAt: Date;
  correlationId?: string | null;
};

/**
 * Appends one decision to the audit and, in the same transaction, publishes it for the person's
 * timeline in the API: the audit and what the API shows never disagree.
 */
export async function recordDisclosureDecision(
  manager: EntityManager,
  entry: DisclosureAuditEntry,
): Promise<string> {
  const [decisionId] = await recordDisclosureDecisions(manager, [entry]);
  return decisionId as string;
}

/** Several decisions (a notice's recipients at once): one insert and one outbox write. */
export async function recordDisclosureDecisions(
  manager: EntityManager,
  entries: DisclosureAuditEntry[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const decided = entries.map((entry) => {
    const { correlationId, decidedAt, ...fields } = entry;
    return { decisionId: randomUUID(), correlationId, decidedAt, fields };
  });
  await manager.insert(
    DisclosureDecisionEntity,
    decided.map(({ decisionId, decidedAt, fields }) => ({
      decisionId,
      noticeId: fields.noticeId,
      noticeType: fields.noticeType,
      prisonNumber: fields.prisonNumber,
      deliveryId: fields.deliveryId ?? null,
      organisationId: fields.organisationId ?? null,
      recipientRole: fields.recipientRole ?? null,
      decision: fields.decision,
      rule: fields.rule,
      citation: fields.citation,
      fields: fields.fields,
      consentVersion: fields.consentVersion ?? null,
      riskOverrideId: fields.riskOverrideId ?? null,
      decidedAt,
    })),
  );
  await writeOutbox(
    manager,
    NOTIFIER_SCHEMA,
    decided.map(({ decisionId, correlationId, decidedAt, fields }) => {
      const data: DisclosureDecidedV1 = {
        ...fields,
        decisionId,
        decidedAt: decidedAt.toISOString(),
      };
      return {
        topic: Topics.DisclosureDecided,
        key: fields.prisonNumber,
        event: buildCloudEvent({
          id: decisionId,
          type: DisclosureDecidedEventType,
          subject: fields.prisonNumber,
          time: decidedAt,
          data,
          ...(correlationId ? { correlationId } : {}),
        }),
      };
    }),
  );
  return decided.map(({ decisionId }) => decisionId);
}
