import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'release_notice' })
export class ReleaseNoticeEntity {
  @PrimaryColumn('uuid') noticeId!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') noticeType!: string;
  @Column('text') milestone!: string;
  @Column('date') releaseDate!: string;
  @Column('timestamptz') dueAt!: Date;
  @Column('timestamptz') issuedAt!: Date;
  @Column('boolean') shortNotice!: boolean;
}
