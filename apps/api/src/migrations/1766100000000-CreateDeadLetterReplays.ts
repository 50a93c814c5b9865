import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit of dead-letter replays (docs/operations.md): which dead letter, who replayed it and
 * when. One row per dead letter, so a second replay of the same message is refused as done.
 * Append-only, as the other audit tables.
 */
export class CreateDeadLetterReplays1766100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api.dead_letter_replay (
        dead_letter_id text PRIMARY KEY,
        source_topic text NOT NULL,
        event_id text,
        replayed_by text NOT NULL,
        replayed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TRIGGER dead_letter_replay_append_only BEFORE UPDATE OR DELETE ON api.dead_letter_replay
      FOR EACH ROW EXECUTE FUNCTION api.refuse_append_only_change()`);
    await queryRunner.query(`
      CREATE TRIGGER dead_letter_replay_no_truncate BEFORE TRUNCATE ON api.dead_letter_replay
      FOR EACH STATEMENT EXECUTE FUNCTION api.refuse_append_only_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.dead_letter_replay');
  }
}
