import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { DisclosureDecidedEventType, DisclosureDecidedV1, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner, consumes } from '@throughcare/messaging';

import { DisclosureRecordEntity } from './disclosure-record.entity';

const DISCLOSURE_DECISIONS = consumes(Topics.DisclosureDecided, {
  [DisclosureDecidedEventType]: DisclosureDecidedV1,
});

/**
 * Keeps the API's copy of the notifier's disclosure audit, for the timeline and subject access
 * exports. Idempotent: the decisionId is the key, and a redelivered decision is left as first
 * recorded (the table is append-only, so an upsert would be refused).
 */
@Controller()
export class DisclosureDecidedConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(Topics.DisclosureDecided)
  async onDisclosureDecided(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, DISCLOSURE_DECISIONS, async (event) => {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(DisclosureRecordEntity)
        .values(toRecord(event.data, this.clock.now()))
        .orIgnore()
        .execute();
    });
  }
}

function toRecord(decision: DisclosureDecidedV1, receivedAt: Date): DisclosureRecordEntity {
  return {
    decisionId: decision.decisionId,
    noticeId: decision.noticeId,
    noticeType: decision.noticeType,
    prisonNumber: decision.prisonNumber,
    deliveryId: decision.deliveryId ?? null,
    organisationId: decision.organisationId ?? null,
    recipientRole: decision.recipientRole ?? null,
    decision: decision.decision,
    rule: decision.rule,
    citation: decision.citation,
    fields: decision.fields,
    consentVersion: decision.consentVersion ?? null,
    riskOverrideId: decision.riskOverrideId ?? null,
    decidedAt: new Date(decision.decidedAt),
    receivedAt,
  };
}
