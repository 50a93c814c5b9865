import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Whether a planned release needs OST continuity (a bridging script or a booked dose) and
 * naloxone (everyone with opiate history: 001_18802cf5bd444756.txt). FP10 bridging and naloxone
 * tracking build on this row.
 */
@Entity({ name: 'release_medication_need' })
export class ReleaseMedicationNeedEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @Column('uuid') releaseEventId!: string;
  @Column('text') establishment!: string;
  @Column('date') releaseDate!: string;
  @Column('boolean') onOst!: boolean;
  @Column('boolean') opiateHistory!: boolean;
  @Column('timestamptz') updatedAt!: Date;
}
