import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EndpointStatus = 'ACTIVE' | 'DISABLED';

@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') organisationId!: string;
  @Column('text') url!: string;
  @Column('text', { array: true }) types!: string[];
  /** Sealed with HUB_SECRET_KEY; opened only to sign. */
  @Column('text') encryptedSecret!: string;
  /** The secret before the last rotation, still signed with until `previousSecretValidUntil`. */
  @Column('text', { nullable: true }) previousEncryptedSecret!: string | null;
  @Column('timestamptz', { nullable: true }) previousSecretValidUntil!: Date | null;
  @Column('text') status!: EndpointStatus;
  /** The first failure since the last success (real time). */
  @Column('timestamptz', { nullable: true }) failingSince!: Date | null;
  @Column('timestamptz', { nullable: true }) disabledAt!: Date | null;
}
