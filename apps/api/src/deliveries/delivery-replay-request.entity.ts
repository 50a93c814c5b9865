import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One `POST /v1/deliveries/{id}/replay` that was accepted: who asked and when (append-only). */
@Entity({ name: 'delivery_replay_request' })
export class DeliveryReplayRequestEntity {
  /** Also the id of the DeliveryReplayRequestedV1 event it published. */
  @PrimaryColumn('uuid') requestId!: string;
  @Column('text') deliveryId!: string;
  /** The organisation whose key asked, or `admin`. */
  @Column('text') requestedBy!: string;
  @Column('timestamptz') requestedAt!: Date;
}
