import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { Role } from './caller';

@Entity({ name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Null only for an admin key created at first start (no organisation issued it). */
  @Column('text', { nullable: true }) organisationId!: string | null;
  @Column('text') role!: Role;
  @Column('text', { array: true }) establishments!: string[];
  /** SHA-256 of the key, hex. The key itself is shown once, at issue. */
  @Column('text') keyHash!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
}
