import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { RecipientRole } from '../recipients/route-recipients';

/**
 * PENDING: waiting or retrying. DELIVERED: a 2xx came back. FAILED: the schedule ran out (kept
 * for replay). WITHHELD: disclosure allowed nothing. NO_CHANNEL: the recipient has no webhook.
 */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'WITHHELD' | 'NO_CHANNEL';

/** One notice to one recipient endpoint. Its id is the stable `webhook-id`. */
@Entity({ name: 'delivery' })
export class DeliveryEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid') noticeId!: string;
  @Column('text') organisationId!: string;
  @Column('uuid', { nullable: true }) subscriptionId!: string | null;
  @Column('text') recipientRole!: RecipientRole;
  @Column('text') status!: DeliveryStatus;
  @Column('integer') attempts!: number;
  @Column('timestamptz') createdAt!: Date;
  /** Real time (not the hub clock): retry delays are real seconds even in a simulated demo. */
  @Column('timestamptz', { nullable: true }) nextAttemptAt!: Date | null;
  @Column('timestamptz', { nullable: true }) lastAttemptAt!: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
}
