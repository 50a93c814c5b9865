import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * From the two-day milestone until release, later DIR versions go to the community too
 * (DIR-04): the person's state remembers for which release date the DIR
 * handoff to the community is open.
 */
export class CommunityDirHandoff1763900001100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE continuity.person_continuity ADD COLUMN community_dir_handoff jsonb',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE continuity.person_continuity DROP COLUMN community_dir_handoff',
    );
  }
}
