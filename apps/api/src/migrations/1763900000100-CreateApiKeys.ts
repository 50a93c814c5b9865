import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApiKeys1763900000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Only a SHA-256 of each key is kept: keys are 256-bit random, so a slow hash adds nothing.
    await queryRunner.query(`
      CREATE TABLE api.api_key (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL REFERENCES api.organisation (organisation_id),
        role text NOT NULL,
        establishments text[] NOT NULL DEFAULT '{}',
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.api_key');
  }
}
