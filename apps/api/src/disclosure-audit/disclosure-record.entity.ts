import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { DisclosureOutcome } from '@throughcare/contracts';

/** One disclosure decision of the notifier, made or withheld (DIS-15); append-only. */
@Entity({ name: 'disclosure_record' })
export class DisclosureRecordEntity {
  @PrimaryColumn('uuid') decisionId!: string;
  @Column('uuid') noticeId!: string;
  @Column('text') noticeType!: string;
  @Column('text') prisonNumber!: string;
  @Column('text', { nullable: true }) deliveryId!: string | null;
  @Column('text', { nullable: true }) organisationId!: string | null;
  @Column('text', { nullable: true }) recipientRole!: string | null;
  @Column('text') decision!: DisclosureOutcome;
  @Column('text') rule!: string;
  @Column('text') citation!: string;
  /** Field names sent, never their values. */
  @Column('text', { array: true }) fields!: string[];
  @Column('integer', { nullable: true }) consentVersion!: number | null;
  @Column('uuid', { nullable: true }) riskOverrideId!: string | null;
  @Column('timestamptz') decidedAt!: Date;
  /** When the API read it from the topic. */
  @Column('timestamptz') receivedAt!: Date;
}
