import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { MilestoneKind } from '@throughcare/contracts';

export type MilestoneStatus = 'PENDING' | 'SENT' | 'SUPERSEDED';

/** One notice milestone; the row records whether it was sent, so it never fires twice. */
@Entity({ name: 'milestone' })
export class MilestoneEntity {
  /** Also the notice id of the notice it causes. */
  @PrimaryColumn('uuid') id!: string;
  @Column('text') prisonNumber!: string;
  @Column('uuid') releaseEventId!: string;
  /** The custody episode (from the intake-accepted event); null for rows from before episodes. */
  @Column('text', { nullable: true }) episodeId!: string | null;
  @Column('text') kind!: MilestoneKind;
  @Column('timestamptz') dueAt!: Date;
  @Column('text') status!: MilestoneStatus;
  @Column('boolean') shortNotice!: boolean;
  @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
}
