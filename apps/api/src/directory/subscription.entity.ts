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
  /** As the notifier last reported it (endpoint-disabled) or the subscriber set it (enable). */
  @Column('text', { default: 'ACTIVE' }) status!: 'ACTIVE' | 'DISABLED';
  @Column('timestamptz', { nullable: true }) failingSince!: Date | null;
  @Column('timestamptz', { nullable: true }) disabledAt!: Date | null;
  @Column('timestamptz', { nullable: true }) enabledAt!: Date | null;
  @Column('timestamptz', { nullable: true }) secretRotatedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) previousSecretValidUntil!: Date | null;
}
