import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The notifier's copy of a person's latest consent version, read at send time. */
@Entity({ name: 'consent_state' })
export class ConsentStateEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @Column('integer') version!: number;
  @Column('boolean') communityTreatment!: boolean;
  @Column('boolean') cjit!: boolean;
  @Column('boolean') probation!: boolean;
  @Column('boolean') ndtms!: boolean;
  @Column('boolean') releasePlanSigned!: boolean;
  @Column('timestamptz') recordedAt!: Date;
  @Column('timestamptz') appliedAt!: Date;
}
