import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consent version the API had acknowledged when it accepted the release (issue 13): the
 * release's notices carry it, so the notifier never decides them under an older consent.
 */
export class ConsentVersionOnReleasePlan1764900000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE planner.release_plan ADD COLUMN consent_version integer NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE planner.release_plan DROP COLUMN consent_version');
  }
}
