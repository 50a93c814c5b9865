import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { OrganisationType, SpocV1 } from '@throughcare/contracts';

@Entity({ name: 'organisation' })
export class OrganisationEntity {
  @PrimaryColumn('text') organisationId!: string;
  @Column('text') type!: OrganisationType;
  @Column('text') name!: string;
  @Column('text', { array: true }) localAuthorityCodes!: string[];
  @Column('text', { array: true }) establishments!: string[];
  @Column('jsonb') spoc!: SpocV1;
  /** The escalation ladder's second step after the SPOC (ACK-04); optional. */
  @Column('jsonb', { nullable: true }) secondContact!: SpocV1 | null;
  @Column('timestamptz') createdAt!: Date;
}
