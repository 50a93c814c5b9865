import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ContinuityRecordV1 } from '@throughcare/contracts';

/**
 * The notifier's copy of the continuity service's record of a person (DIR, OST plan, naloxone,
 * bridging request): the highest revision seen, read when a notice is rendered, so every attempt
 * and replay carries what is on record then.
 */
@Entity({ name: 'person_continuity' })
export class PersonContinuityEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @Column('integer') revision!: number;
  @Column('jsonb') record!: ContinuityRecordV1;
  @Column('timestamptz') updatedAt!: Date;
}
