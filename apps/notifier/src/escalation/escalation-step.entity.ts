import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { PendingStep } from './acknowledgement-deadline.entity';

/** The audit of every escalation step taken (ACK-03, ACK-04): no personal data, ids only. */
@Entity({ name: 'escalation_step' })
export class EscalationStepEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid') noticeId!: string;
  /** The organisation that owed the acknowledgement. */
  @Column('text') organisationId!: string;
  @Column('text') step!: PendingStep;
  /** Whose contact was e-mailed; null when the step had no one and was skipped. */
  @Column('text', { nullable: true }) toOrganisationId!: string | null;
  /** SENT, FAILED (the ladder moves on) or SKIPPED (no contact registered). */
  @Column('text') outcome!: 'SENT' | 'FAILED' | 'SKIPPED';
  @Column('text', { nullable: true }) detail!: string | null;
  @Column('timestamptz') at!: Date;
}
