import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every notice issued about a person, from the planner or continuity: the timeline's "notice" entries. */
@Entity({ name: 'issued_notice' })
export class IssuedNoticeEntity {
  @PrimaryColumn('uuid') noticeId!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') noticeType!: string;
  @Column('text', { nullable: true }) episodeId!: string | null;
  @Column('text', { nullable: true }) milestone!: string | null;
  @Column('timestamptz') dueAt!: Date;
  @Column('timestamptz') issuedAt!: Date;
}
