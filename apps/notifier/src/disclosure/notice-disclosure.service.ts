import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import type { NoticeType } from '@throughcare/contracts';
import { decideDisclosure, type DisclosureDecision } from '@throughcare/disclosure';

import {
  recordDisclosureDecisions,
  type DisclosureAuditEntry,
} from '../audit/record-disclosure-decision';
import { consentOnRecord } from '../consent/consent-on-record';
import { continuityOnRecord } from '../continuity/keep-continuity-record';
import type { DeliveryEntity } from '../delivery/delivery.entity';
import { deliveredType, noticeKindOf } from '../notices/notice-kind';
import type { NoticeEntity } from '../notices/notice.entity';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { buildDisclosureRecord } from '../rendering/disclosure-record';

export interface DecidedDelivery {
  decision: DisclosureDecision;
  /** The type the recipient receives (the alert forms differ from the notice's own). */
  type: NoticeType;
}

/**
 * Decides what one delivery may carry from the consent on record now, and audits the decision.
 * The caller holds the person's consent lock and owns the transaction.
 */
@Injectable()
export class NoticeDisclosure {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Decides from the consent on record now; the caller holds the person's consent lock. */
  async decide(
    manager: EntityManager,
    delivery: Pick<DeliveryEntity, 'recipientRole'>,
    notice: NoticeEntity,
  ): Promise<DecidedDelivery> {
    const [decided] = await this.decideEach(manager, [delivery], notice);
    return decided as DecidedDelivery;
  }

  /**
   * Decides each delivery of one notice from one reading of the person's consent, overrides and
   * continuity record (the caller holds the consent lock, so the reading holds for all of them).
   */
  async decideEach(
    manager: EntityManager,
    deliveries: ReadonlyArray<Pick<DeliveryEntity, 'recipientRole'>>,
    notice: NoticeEntity,
  ): Promise<DecidedDelivery[]> {
    const content = notice.content;
    const { consent, overrides } = await consentOnRecord(manager, content.prisonNumber);
    const record = buildDisclosureRecord(
      content,
      await manager.find(RecipientOrganisationEntity),
      await continuityOnRecord(manager, content.prisonNumber),
    );
    const at = this.clock.now();
    return deliveries.map((delivery) => {
      const decision = decideDisclosure(
        { kind: noticeKindOf(content), role: delivery.recipientRole, consent, overrides, at },
        record,
      );
      return { decision, type: deliveredType(content, delivery.recipientRole, decision.outcome) };
    });
  }

  /** Appends the decisions to the disclosure audit (and publishes them for the timeline). */
  async record(
    manager: EntityManager,
    decisions: ReadonlyArray<{
      delivery: Pick<DeliveryEntity, 'id' | 'organisationId' | 'recipientRole'>;
      decided: DecidedDelivery;
    }>,
    notice: NoticeEntity,
  ): Promise<void> {
    const decidedAt = this.clock.now();
    await recordDisclosureDecisions(
      manager,
      decisions.map(({ delivery, decided: { decision, type } }): DisclosureAuditEntry => ({
        noticeId: notice.id,
        noticeType: type,
        prisonNumber: notice.prisonNumber,
        deliveryId: delivery.id,
        organisationId: delivery.organisationId,
        recipientRole: delivery.recipientRole,
        decision: decision.outcome,
        rule: decision.rule,
        citation: decision.citation,
        fields: decision.fieldNames,
        consentVersion: decision.consentVersion,
        riskOverrideId: decision.riskOverrideId,
        decidedAt,
        correlationId: notice.correlationId,
      })),
    );
  }

  async decideAndRecord(
    manager: EntityManager,
    delivery: Pick<DeliveryEntity, 'id' | 'organisationId' | 'recipientRole'>,
    notice: NoticeEntity,
  ): Promise<DecidedDelivery> {
    const [decided] = await this.decideAndRecordEach(manager, [delivery], notice);
    return decided as DecidedDelivery;
  }

  /** Decides and audits a notice's deliveries together: one reading, one insert, one outbox write. */
  async decideAndRecordEach(
    manager: EntityManager,
    deliveries: ReadonlyArray<Pick<DeliveryEntity, 'id' | 'organisationId' | 'recipientRole'>>,
    notice: NoticeEntity,
  ): Promise<DecidedDelivery[]> {
    const decided = await this.decideEach(manager, deliveries, notice);
    await this.record(
      manager,
      deliveries.map((delivery, i) => ({ delivery, decided: decided[i] as DecidedDelivery })),
      notice,
    );
    return decided;
  }
}
