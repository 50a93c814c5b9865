import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The highest consent version continuity has seen for the person (issue 13): stamped on its
 * notices, so the notifier decides them only once its own copy of consent has caught up.
 */
export class ConsentVersionSeen1764900000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE continuity.person_continuity ADD COLUMN consent_version integer NOT NULL DEFAULT 0',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE continuity.person_continuity DROP COLUMN consent_version');
  }
}
