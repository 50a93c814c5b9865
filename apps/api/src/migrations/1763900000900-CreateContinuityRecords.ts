import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #6: the person record's clinical-continuity writes (DIR versions, OST plans, naloxone
 * outcomes), the prescribers' view of bridging requests (a copy of continuity's), and every
 * notice issued about a person (the timeline, and the measures' unplanned-release timings).
 */
export class CreateContinuityRecords1763900000900 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api.dir_version (
        dir_id uuid NOT NULL,
        version integer NOT NULL,
        prison_number text NOT NULL,
        episode_id text NOT NULL,
        episode_received_at timestamptz NOT NULL,
        episode_establishment text NOT NULL,
        holder text NOT NULL,
        record jsonb NOT NULL,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (dir_id, version)
      )`);
    await queryRunner.query(
      'CREATE INDEX dir_version_person_idx ON api.dir_version (prison_number, episode_id)',
    );
    await queryRunner.query(`
      CREATE TABLE api.ost_plan_record (
        prison_number text NOT NULL,
        version integer NOT NULL,
        episode_id text NOT NULL,
        plan jsonb NOT NULL,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (prison_number, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE api.naloxone_record (
        id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        episode_id text NOT NULL,
        outcome jsonb NOT NULL,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX naloxone_record_person_idx ON api.naloxone_record (prison_number, episode_id)',
    );
    await queryRunner.query(`
      CREATE TABLE api.bridging_request (
        id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        establishment text NOT NULL,
        status text NOT NULL,
        urgent boolean NOT NULL,
        opened_at timestamptz NOT NULL,
        release_date date NOT NULL,
        view jsonb NOT NULL,
        issued jsonb,
        revision integer NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX bridging_request_open_idx ON api.bridging_request (status, establishment, opened_at)',
    );
    await queryRunner.query(`
      CREATE TABLE api.issued_notice (
        notice_id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        notice_type text NOT NULL,
        episode_id text,
        milestone text,
        due_at timestamptz NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX issued_notice_person_idx ON api.issued_notice (prison_number)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'issued_notice',
      'bridging_request',
      'naloxone_record',
      'ost_plan_record',
      'dir_version',
    ])
      await queryRunner.query(`DROP TABLE api.${table}`);
  }
}
