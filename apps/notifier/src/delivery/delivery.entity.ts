import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { DeliveryChannel, DeliveryStatusV1 } from '@throughcare/contracts';
import type { RecipientRole } from '@throughcare/disclosure';

/**
 * PENDING: waiting or retrying. DELIVERED: a 2xx came back (or the relay took the e-mail).
 * FAILED: the schedule ran out (kept for replay). WITHHELD: disclosure allowed nothing.
 * PAUSED: the endpoint is disabled; sent in order when it is enabled again.
 */
export type DeliveryStatus = DeliveryStatusV1;

/** One notice to one recipient endpoint (or its SPOC's e-mail). Its id is the stable `webhook-id`. */
@Entity({ name: 'delivery' })
export class DeliveryEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid') noticeId!: string;
  @Column('text') organisationId!: string;
  @Column('uuid', { nullable: true }) subscriptionId!: string | null;
  @Column('text') recipientRole!: RecipientRole;
  @Column('text') channel!: DeliveryChannel;
  @Column('text') status!: DeliveryStatus;
  @Column('integer') attempts!: number;
  @Column('timestamptz') createdAt!: Date;
  /** Real time (not the hub clock): retry delays are real seconds even in a simulated demo. */
  @Column('timestamptz', { nullable: true }) nextAttemptAt!: Date | null;
  @Column('timestamptz', { nullable: true }) lastAttemptAt!: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('integer') replays!: number;
  /** The attempt under way is a replay: one attempt, no retry schedule. */
  @Column('boolean') replaying!: boolean;
  /** Increases with every change; the API keeps the highest it has seen. */
  @Column('integer') revision!: number;
}
