import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { IntakePayload } from '@throughcare/contracts';

/** Every intake event as received: the idempotency record and the start of the timeline. */
@Entity({ name: 'intake_event' })
export class IntakeEventEntity {
  @PrimaryColumn('uuid') eventId!: string;
  @Column('text') type!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') establishment!: string;
  @Column('jsonb') payload!: IntakePayload;
  @Column('text') payloadHash!: string;
  @Column('text') correlationId!: string;
  @Column('timestamptz') receivedAt!: Date;
  /** When it happened at the prison; the timeline and the custody rules order by this. */
  @Column('timestamptz') occurredAt!: Date;
  @Column('text', { nullable: true }) episodeId!: string | null;
  @Column('text', { nullable: true }) custodyChange!: string | null;
  @Column('text') source!: 'http' | 'kafka';
}
