import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { BridgingIssuedV1, BridgingRequestV1 } from '@throughcare/contracts';

/**
 * The prescribers' copy of a bridging request (continuity owns it): `view` as continuity last
 * published it (at `revision`), `status` and `issued` as the API knows them, which may be ahead
 * of the view once a prescriber has issued the script here.
 */
@Entity({ name: 'bridging_request' })
export class BridgingRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') prisonNumber!: string;
  @Column('text') establishment!: string;
  @Column('text') status!: BridgingRequestV1['status'];
  @Column('boolean') urgent!: boolean;
  @Column('timestamptz') openedAt!: Date;
  @Column('date') releaseDate!: string;
  @Column('jsonb') view!: BridgingRequestV1;
  @Column('jsonb', { nullable: true }) issued!: BridgingIssuedV1 | null;
  @Column('integer') revision!: number;
}

export function toBridgingRequestView(row: BridgingRequestEntity): BridgingRequestV1 {
  return {
    ...row.view,
    status: row.status,
    ...(row.issued ? { issued: row.issued } : {}),
  };
}
