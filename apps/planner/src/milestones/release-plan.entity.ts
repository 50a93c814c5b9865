import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ReleasePlannedV1 } from '@throughcare/contracts';

/** The current planned release per person: the truth the milestones are computed from. */
@Entity({ name: 'release_plan' })
export class ReleasePlanEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @Column('uuid') releaseEventId!: string;
  @Column('date') releaseDate!: string;
  @Column('boolean') fridayOrPreHoliday!: boolean;
  @Column('jsonb') release!: Omit<ReleasePlannedV1, 'occurredAt'>;
  /** The person's consent version when the API accepted the release (0: none); on its notices. */
  @Column('integer', { default: 0 }) consentVersion!: number;
  @Column('timestamptz') updatedAt!: Date;
}
