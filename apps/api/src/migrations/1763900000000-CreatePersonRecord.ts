import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePersonRecord1763900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api.person (
        prison_number text PRIMARY KEY,
        episode_id text,
        status text,
        establishment text,
        release_date date,
        custody jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // GET /v1/releases: upcoming releases by prison and date.
    await queryRunner.query(
      'CREATE INDEX person_release_idx ON api.person (establishment, release_date) WHERE release_date IS NOT NULL',
    );
    await queryRunner.query(`
      ALTER TABLE api.intake_event
        ADD COLUMN occurred_at timestamptz,
        ADD COLUMN episode_id text,
        ADD COLUMN custody_change text,
        ADD COLUMN source text NOT NULL DEFAULT 'http'`);
    await queryRunner.query(
      'UPDATE api.intake_event SET occurred_at = received_at WHERE occurred_at IS NULL',
    );
    await queryRunner.query('ALTER TABLE api.intake_event ALTER COLUMN occurred_at SET NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api.intake_event
        DROP COLUMN occurred_at, DROP COLUMN episode_id, DROP COLUMN custody_change, DROP COLUMN source`);
    await queryRunner.query('DROP TABLE api.person');
  }
}
