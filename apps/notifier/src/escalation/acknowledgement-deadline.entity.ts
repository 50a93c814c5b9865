import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { RecipientRole } from '@throughcare/disclosure';

import type { RequiredAcknowledgement } from './acknowledgement-deadline';
import type { EscalationStep } from './escalation-ladder';

/** DECLINED_TO_PRISON: ACK-03's one message to the releasing prison, sent like a ladder step. */
export type PendingStep = EscalationStep | 'DECLINED_TO_PRISON';

/**
 * What one organisation owes for one notice (ACK-02) and where its escalation stands (ACK-04).
 * A due-time table, so that deadlines and ladders survive restarts; times are the hub clock's.
 */
@Entity({ name: 'acknowledgement_deadline' })
export class AcknowledgementDeadlineEntity {
  @PrimaryColumn('uuid') noticeId!: string;
  @PrimaryColumn('text') organisationId!: string;
  @Column('text') recipientRole!: RecipientRole;
  @Column('text') noticeType!: string;
  @Column('text') prisonNumber!: string;
  /** One of the organisation's deliveries of the notice: the reference its e-mails quote. */
  @Column('text') deliveryId!: string;
  @Column('text', { nullable: true }) releasingEstablishment!: string | null;
  @Column('date', { nullable: true }) releaseDate!: string | null;
  @Column('timestamptz') issuedAt!: Date;
  /** Null until the sweeper has computed the deadline under the configured settings. */
  @Column('text', { nullable: true }) required!: RequiredAcknowledgement | null;
  @Column('timestamptz', { nullable: true }) dueAt!: Date | null;
  @Column('text', { nullable: true }) nextStep!: PendingStep | null;
  @Column('timestamptz', { nullable: true }) nextStepAt!: Date | null;
  @Column('text', { nullable: true }) declinedReason!: string | null;
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  /** ACCEPTED / ACTIONED / DECLINED (an acknowledgement), or LADDER_DONE. */
  @Column('text', { nullable: true }) closedBy!: string | null;
  @Column('timestamptz') createdAt!: Date;
}
