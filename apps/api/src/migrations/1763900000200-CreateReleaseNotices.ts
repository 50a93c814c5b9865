import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReleaseNotices1763900000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The API's view of notices the planner issued, for the timeline and the releases list.
    await queryRunner.query(`
      CREATE TABLE api.release_notice (
        notice_id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        notice_type text NOT NULL,
        milestone text NOT NULL,
        release_date date NOT NULL,
        due_at timestamptz NOT NULL,
        issued_at timestamptz NOT NULL,
        short_notice boolean NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX release_notice_person_idx ON api.release_notice (prison_number, release_date)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.release_notice');
  }
}
