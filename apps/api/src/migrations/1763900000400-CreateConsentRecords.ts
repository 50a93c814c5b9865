import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsentRecords1763900000400 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Shared by every append-only table of the API: rows are inserted, never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION api.refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    // One row per PUT: withdrawal is a new version, and who recorded each one is kept
    // (CON-01, DIS-01).
    await queryRunner.query(`
      CREATE TABLE api.consent_record (
        prison_number text NOT NULL REFERENCES api.person (prison_number),
        version integer NOT NULL CHECK (version >= 1),
        community_treatment boolean NOT NULL,
        cjit boolean NOT NULL,
        probation boolean NOT NULL,
        ndtms boolean NOT NULL,
        release_plan_signed boolean NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (prison_number, version)
      )`);
    await queryRunner.query(`
      CREATE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON api.consent_record
      FOR EACH ROW EXECUTE FUNCTION api.refuse_append_only_change()`);
    await queryRunner.query(`
      CREATE TRIGGER consent_record_no_truncate BEFORE TRUNCATE ON api.consent_record
      FOR EACH STATEMENT EXECUTE FUNCTION api.refuse_append_only_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.consent_record');
    await queryRunner.query('DROP FUNCTION api.refuse_append_only_change');
  }
}
