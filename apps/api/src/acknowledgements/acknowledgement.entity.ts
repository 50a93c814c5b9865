import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { AcknowledgementActionV1, AcknowledgementStatus } from '@throughcare/contracts';

/** One acknowledgement of a delivered notice by its recipient (ACK-01); append-only. */
@Entity({ name: 'acknowledgement' })
export class AcknowledgementEntity {
  @PrimaryColumn('uuid') acknowledgementId!: string;
  /** The `webhook-id` the recipient received. */
  @Column('text') deliveryId!: string;
  @Column('uuid') noticeId!: string;
  @Column('text') noticeType!: string;
  @Column('text') organisationId!: string;
  /** The person the notice was about; null for a notice that names no one. */
  @Column('text', { nullable: true }) prisonNumber!: string | null;
  @Column('text') status!: AcknowledgementStatus;
  @Column('jsonb', { nullable: true }) action!: AcknowledgementActionV1 | null;
  @Column('text', { nullable: true }) reason!: string | null;
  /** The organisation whose key acknowledged, or `admin` (the console on its behalf). */
  @Column('text') acknowledgedBy!: string;
  @Column('timestamptz') acknowledgedAt!: Date;
}
