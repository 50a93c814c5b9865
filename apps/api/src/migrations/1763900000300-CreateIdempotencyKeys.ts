import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1763900000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // docs/hub-interface.md §3: a retry under the same Idempotency-Key returns the first answer and
    // changes nothing. Keys are scoped to the caller, so two organisations never collide.
    await queryRunner.query(`
      CREATE TABLE api.idempotency_key (
        caller text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        response_status integer NOT NULL,
        response_body json NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (caller, key)
      )`);
    // For a later clean-up of old keys.
    await queryRunner.query(
      'CREATE INDEX idempotency_key_created_idx ON api.idempotency_key (created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.idempotency_key');
  }
}
