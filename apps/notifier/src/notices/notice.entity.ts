import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { NoticeDueV1 } from '@throughcare/contracts';

/** A notice as it fell due; rendered per recipient at send time under the disclosure rules. */
@Entity({ name: 'notice' })
export class NoticeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') type!: string;
  @Column('text') prisonNumber!: string;
  @Column('jsonb') content!: NoticeDueV1;
  @Column('text', { nullable: true }) correlationId!: string | null;
  @Column('timestamptz') createdAt!: Date;
}
