import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { RiskOverrideGround, RiskOverrideScope } from '@throughcare/contracts';

/** A risk override as the notifier needs it: ground, scope and validity; the reason stays in the API. */
@Entity({ name: 'risk_override' })
export class RiskOverrideEntity {
  @PrimaryColumn('uuid') overrideId!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') ground!: RiskOverrideGround;
  @Column('text', { array: true }) scope!: RiskOverrideScope[];
  @Column('timestamptz') recordedAt!: Date;
  @Column('timestamptz', { nullable: true }) expiresAt!: Date | null;
}
