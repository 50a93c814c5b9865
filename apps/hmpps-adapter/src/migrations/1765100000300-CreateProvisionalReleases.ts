import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProvisionalReleases1765100000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Each release the adapter told the hub of, from either stream, so that the immediate
    // stream's provisional release is posted once, confirmed by the delayed stream, or retracted
    // when the person is received back first (HMPPS-10).
    await queryRunner.query(`
      CREATE TABLE hmpps_adapter.provisional_release (
        hub_event_id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        establishment text NOT NULL,
        released_at timestamptz NOT NULL,
        status text NOT NULL,
        returned_at timestamptz,
        message_id text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX provisional_release_person_idx ON hmpps_adapter.provisional_release (prison_number, released_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hmpps_adapter.provisional_release');
  }
}
