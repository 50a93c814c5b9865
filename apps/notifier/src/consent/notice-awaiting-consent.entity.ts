import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A notice kept back until the notifier's copy of the person's consent reaches `consentVersion`. */
@Entity({ name: 'notice_awaiting_consent' })
export class NoticeAwaitingConsentEntity {
  @PrimaryColumn('uuid') noticeId!: string;
  @Column('text') prisonNumber!: string;
  @Column('integer') consentVersion!: number;
  /** Real time (not the hub clock): the wait is bounded in real seconds. */
  @Column('timestamptz') parkedAt!: Date;
}
