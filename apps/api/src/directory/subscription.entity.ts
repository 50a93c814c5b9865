import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'subscription' })
export class SubscriptionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') organisationId!: string;
  @Column('text') url!: string;
  @Column('text', { array: true }) types!: string[];
  /** AES-256-GCM under HUB_SECRET_KEY; the plain secret is shown once, at registration. */
  @Column('text') encryptedSecret!: string;
  @Column('timestamptz') createdAt!: Date;
}
