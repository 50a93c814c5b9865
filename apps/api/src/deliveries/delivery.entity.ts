import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { DeliveryAttemptV1, DeliveryChannel, DeliveryStatusV1 } from '@throughcare/contracts';

/**
 * The API's copy of one notifier delivery (one notice to one endpoint), as of the highest
 * revision read from throughcare.delivery.v1. No personal data: the notice is named by id only.
 */
@Entity({ name: 'delivery' })
export class DeliveryEntity {
  /** The stable `webhook-id`. */
  @PrimaryColumn('text') deliveryId!: string;
  @Column('uuid') noticeId!: string;
  @Column('text') noticeType!: string;
  @Column('text') organisationId!: string;
  @Column('uuid', { nullable: true }) subscriptionId!: string | null;
  @Column('text') channel!: DeliveryChannel;
  @Column('text') status!: DeliveryStatusV1;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) nextAttemptAt!: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('integer') replays!: number;
  @Column('jsonb') attempts!: DeliveryAttemptV1[];
  @Column('integer') revision!: number;
  /** When the API read this revision from the topic. */
  @Column('timestamptz') receivedAt!: Date;
}
