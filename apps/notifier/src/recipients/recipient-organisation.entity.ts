import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { OrganisationType, SpocV1 } from '@throughcare/contracts';

/** The notifier's copy of the directory, kept from the directory topic. */
@Entity({ name: 'recipient_organisation' })
export class RecipientOrganisationEntity {
  @PrimaryColumn('text') organisationId!: string;
  @Column('text') type!: OrganisationType;
  @Column('text') name!: string;
  @Column('text', { array: true }) localAuthorityCodes!: string[];
  @Column('text', { array: true }) establishments!: string[];
  @Column('jsonb') spoc!: SpocV1;
  /** The escalation ladder's second step after the SPOC (ACK-04). */
  @Column('jsonb', { nullable: true }) secondContact?: SpocV1 | null;
}
