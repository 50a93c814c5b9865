import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { PersonCustody } from '@throughcare/custody';

/** A person's custody record; `custody` is the truth, the other columns index it for queries. */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @Column('text', { nullable: true }) episodeId!: string | null;
  @Column('text', { nullable: true }) status!: string | null;
  @Column('text', { nullable: true }) establishment!: string | null;
  @Column('date', { nullable: true }) releaseDate!: string | null;
  @Column('jsonb') custody!: PersonCustody;
  @Column('timestamptz') updatedAt!: Date;
}
