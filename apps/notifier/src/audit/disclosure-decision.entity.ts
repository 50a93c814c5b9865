import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE and DELETE): every disclosure made or withheld. */
@Entity({ name: 'disclosure_decision' })
export class DisclosureDecisionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') noticeId!: string;
  @Column('text', { nullable: true }) deliveryId!: string | null;
  @Column('text') organisationId!: string;
  @Column('text') recipientRole!: string;
  @Column('text') decision!: 'SEND' | 'WITHHOLD';
  @Column('text') rule!: string;
  @Column('text', { array: true }) fields!: string[];
  @Column('timestamptz') decidedAt!: Date;
}
