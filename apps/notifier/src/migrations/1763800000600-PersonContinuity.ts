import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The notifier's copy of each person's continuity record (issue #6), highest revision wins. */
export class PersonContinuity1763800000600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifier.person_continuity (
        prison_number text PRIMARY KEY,
        revision integer NOT NULL,
        record jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifier.person_continuity');
  }
}
