import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { DirV1, NaloxoneOutcomeV1, OstPlanV1 } from '@throughcare/contracts';

/** One version of a DIR; every version is kept (DIR-01, DIR-04). */
@Entity({ name: 'dir_version' })
export class DirVersionEntity {
  @PrimaryColumn('uuid') dirId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') prisonNumber!: string;
  @Column('text') episodeId!: string;
  @Column('timestamptz') episodeReceivedAt!: Date;
  @Column('text') episodeEstablishment!: string;
  @Column('text') holder!: string;
  @Column('jsonb') record!: DirV1;
  @Column('text') recordedByOrganisation!: string;
  @Column('timestamptz') createdAt!: Date;
}

/** An OST plan; the latest version counts, the history is kept. */
@Entity({ name: 'ost_plan_record' })
export class OstPlanRecordEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') episodeId!: string;
  @Column('jsonb') plan!: OstPlanV1;
  @Column('text') recordedByOrganisation!: string;
  @Column('timestamptz') createdAt!: Date;
}

/** A naloxone outcome; the latest one counts. */
@Entity({ name: 'naloxone_record' })
export class NaloxoneRecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') episodeId!: string;
  @Column('jsonb') outcome!: NaloxoneOutcomeV1;
  @Column('text') recordedByOrganisation!: string;
  @Column('timestamptz') createdAt!: Date;
}
