import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') organisationId!: string;
  @Column('text') url!: string;
  @Column('text', { array: true }) types!: string[];
  /** Sealed with HUB_SECRET_KEY; opened only to sign. */
  @Column('text') encryptedSecret!: string;
}
