import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import type { NoticeType } from '@throughcare/contracts';
import { decideDisclosure, type DisclosureDecision } from '@throughcare/disclosure';

import { recordDisclosureDecision } from '../audit/record-disclosure-decision';
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
    const content = notice.content;
    const { consent, overrides } = await consentOnRecord(manager, content.prisonNumber);
    const record = buildDisclosureRecord(
      content,
      await manager.find(RecipientOrganisationEntity),
      await continuityOnRecord(manager, content.prisonNumber),
    );
    const decision = decideDisclosure(
      {
        kind: noticeKindOf(content),
        role: delivery.recipientRole,
        consent,
        overrides,
        at: this.clock.now(),
      },
      record,
    );
    return { decision, type: deliveredType(content, delivery.recipientRole, decision.outcome) };
  }

  /** Appends the decision to the disclosure audit (and publishes it for the timeline). */
  async record(
    manager: EntityManager,
    delivery: Pick<DeliveryEntity, 'id' | 'organisationId' | 'recipientRole'>,
    notice: NoticeEntity,
    { decision, type }: DecidedDelivery,
  ): Promise<void> {
    await recordDisclosureDecision(manager, {
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
      decidedAt: this.clock.now(),
      correlationId: notice.correlationId,
    });
  }

  async decideAndRecord(
    manager: EntityManager,
    delivery: Pick<DeliveryEntity, 'id' | 'organisationId' | 'recipientRole'>,
    notice: NoticeEntity,
  ): Promise<DecidedDelivery> {
    const decided = await this.decide(manager, delivery, notice);
    await this.record(manager, delivery, notice, decided);
    return decided;
  }
}
