import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every intake event as received: the idempotency record and the start of the timeline. */
@Entity({ name: 'intake_event' })
export class IntakeEventEntity {
  @PrimaryColumn('uuid') eventId!: string;
  @Column('text') type!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') establishment!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('text') payloadHash!: string;
  @Column('text') correlationId!: string;
  @Column('timestamptz') receivedAt!: Date;
}
