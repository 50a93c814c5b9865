import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ContinuityRecordV1, NoticeCauseV1 } from '@throughcare/contracts';

import type {
  CommunityDirHandoff,
  PlannedRelease,
  ReceptionFacts,
  RecordedMovement,
  PendingCjitRequest,
} from '../continuity-state/person-continuity.state';

/** One person's continuity state; `record` is what is published on throughcare.continuity.v1. */
@Entity({ name: 'person_continuity' })
export class PersonContinuityEntity {
  @PrimaryColumn('text') prisonNumber!: string;
  @Column('text', { nullable: true }) episodeId!: string | null;
  @Column('integer') revision!: number;
  @Column('jsonb', { nullable: true }) record!: ContinuityRecordV1 | null;
  @Column('jsonb') movements!: RecordedMovement[];
  @Column('jsonb', { nullable: true }) release!: PlannedRelease | null;
  @Column('jsonb', { nullable: true }) reception!: ReceptionFacts | null;
  @Column('jsonb', { nullable: true }) leftCustody!: NoticeCauseV1 | null;
  @Column('jsonb') pastEpisodeIds!: string[];
  @Column('boolean') cjitConsent!: boolean;
  @Column('jsonb') pendingCjitRequests!: PendingCjitRequest[];
  @Column('jsonb', { nullable: true }) communityDirHandoff!: CommunityDirHandoff | null;
  @Column('timestamptz') updatedAt!: Date;
}

/** A notice continuity issued, by its deterministic id: never issued twice. */
@Entity({ name: 'continuity_notice' })
export class ContinuityNoticeEntity {
  @PrimaryColumn('uuid') noticeId!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') noticeType!: string;
  @Column('timestamptz') issuedAt!: Date;
}
