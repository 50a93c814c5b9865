import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One consent version of a person: append-only, the highest version is the current state. */
@Entity({ name: 'consent_record' })
export class ConsentRecordEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('boolean') communityTreatment!: boolean;
  @Column('boolean') cjit!: boolean;
  @Column('boolean') probation!: boolean;
  @Column('boolean') ndtms!: boolean;
  @Column('boolean') releasePlanSigned!: boolean;
  /** The member of staff who recorded it, as they gave it. */
  @Column('text') recordedBy!: string;
  /** When the person gave it (from the request). */
  @Column('timestamptz') recordedAt!: Date;
  /** The organisation of the API key that recorded it, or `admin`. */
  @Column('text') recordedByOrganisation!: string;
  /** When the hub stored it. */
  @Column('timestamptz') createdAt!: Date;
}
