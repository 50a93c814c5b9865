import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { RiskOverrideGround, RiskOverrideScope } from '@throughcare/contracts';

/** A disclosure without consent (CON-04): append-only, the reason never leaves the API. */
@Entity({ name: 'risk_override' })
export class RiskOverrideEntity {
  @PrimaryColumn('uuid') overrideId!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') ground!: RiskOverrideGround;
  /** Free text: kept on the person's record only, never published or logged. */
  @Column('text') reason!: string;
  @Column('text', { array: true }) scope!: RiskOverrideScope[];
  @Column('text') authorisedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
  @Column('boolean') consentSoughtFirst!: boolean;
  @Column('boolean') personInformed!: boolean;
  @Column('timestamptz', { nullable: true }) expiresAt!: Date | null;
  @Column('text') recordedByOrganisation!: string;
  @Column('timestamptz') createdAt!: Date;
}
