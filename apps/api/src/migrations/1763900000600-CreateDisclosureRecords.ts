import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDisclosureRecords1763900000600 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The API's copy of the notifier's disclosure audit (DIS-15), for the timeline
    // and subject access requests. No foreign key to api.person: the audit is kept even if a
    // decision arrives before anything else about the person.
    await queryRunner.query(`
      CREATE TABLE api.disclosure_record (
        decision_id uuid PRIMARY KEY,
        notice_id uuid NOT NULL,
        notice_type text NOT NULL,
        prison_number text NOT NULL,
        delivery_id text,
        organisation_id text,
        recipient_role text,
        decision text NOT NULL,
        rule text NOT NULL,
        citation text NOT NULL,
        fields text[] NOT NULL,
        consent_version integer,
        risk_override_id uuid,
        decided_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX disclosure_record_person_idx ON api.disclosure_record (prison_number, decided_at)',
    );
    await queryRunner.query(`
      CREATE TRIGGER disclosure_record_append_only BEFORE UPDATE OR DELETE ON api.disclosure_record
      FOR EACH ROW EXECUTE FUNCTION api.refuse_append_only_change()`);
    await queryRunner.query(`
      CREATE TRIGGER disclosure_record_no_truncate BEFORE TRUNCATE ON api.disclosure_record
      FOR EACH STATEMENT EXECUTE FUNCTION api.refuse_append_only_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.disclosure_record');
  }
}
