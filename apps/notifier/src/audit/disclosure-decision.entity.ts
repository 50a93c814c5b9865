import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { DisclosureOutcome } from '@throughcare/contracts';

/**
 * Append-only (a trigger refuses UPDATE and DELETE): every disclosure made or withheld, with the
 * rule and the ids of the rules it rests on (docs/rules.md), the field names sent (never values), and the consent version and
 * risk override it rested on (DIS-15).
 */
@Entity({ name: 'disclosure_decision' })
export class DisclosureDecisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid', { nullable: true }) decisionId!: string | null;
  @Column('uuid') noticeId!: string;
  @Column('text', { nullable: true }) noticeType!: string | null;
  @Column('text', { nullable: true }) prisonNumber!: string | null;
  @Column('text', { nullable: true }) deliveryId!: string | null;
  @Column('text', { nullable: true }) organisationId!: string | null;
  @Column('text', { nullable: true }) recipientRole!: string | null;
  @Column('text') decision!: DisclosureOutcome;
  @Column('text') rule!: string;
  @Column('text', { nullable: true }) citation!: string | null;
  @Column('text', { array: true }) fields!: string[];
  @Column('integer', { nullable: true }) consentVersion!: number | null;
  @Column('uuid', { nullable: true }) riskOverrideId!: string | null;
  @Column('timestamptz') decidedAt!: Date;
}
