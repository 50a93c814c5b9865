import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEpisodeToMilestones1763900000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Milestones belong to one custody episode: a later sentence gets its own notices.
    await queryRunner.query('ALTER TABLE planner.milestone ADD COLUMN episode_id text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE planner.milestone DROP COLUMN episode_id');
  }
}
