import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a write sent with an Idempotency-Key, replayed on every retry. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyKeyEntity {
  /** Who sent it (`<role>:<organisationId>`, or `admin` for the environment's key). */
  @PrimaryColumn('text') caller!: string;
  @PrimaryColumn('text') key!: string;
  @Column('text') method!: string;
  @Column('text') path!: string;
  /** SHA-256 (hex) of the canonical JSON of the validated request body. */
  @Column('text') requestHash!: string;
  @Column('integer') responseStatus!: number;
  // json, not jsonb: kept as written, so a replay has the first answer's key order.
  @Column('json') responseBody!: object;
  @Column('timestamptz') createdAt!: Date;
}
