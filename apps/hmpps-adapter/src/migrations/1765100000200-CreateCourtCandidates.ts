import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCourtCandidates1765100000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // A person sent to court is a candidate court release until a return the same day (HMPPS-11).
    await queryRunner.query(`
      CREATE TABLE hmpps_adapter.court_candidate (
        message_id text PRIMARY KEY,
        prison_number text NOT NULL,
        establishment text NOT NULL,
        sent_at timestamptz NOT NULL,
        status text NOT NULL,
        decided_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX court_candidate_open_idx ON hmpps_adapter.court_candidate (sent_at) WHERE status = 'OPEN'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hmpps_adapter.court_candidate');
  }
}
