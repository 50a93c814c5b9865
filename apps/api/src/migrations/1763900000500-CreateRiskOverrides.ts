import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRiskOverrides1763900000500 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Disclosure without consent, always audited (CON-04): the reason stays here
    // and nowhere else; the event the notifier reads carries no free text.
    await queryRunner.query(`
      CREATE TABLE api.risk_override (
        override_id uuid PRIMARY KEY,
        prison_number text NOT NULL REFERENCES api.person (prison_number),
        ground text NOT NULL,
        reason text NOT NULL,
        scope text[] NOT NULL,
        authorised_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        consent_sought_first boolean NOT NULL,
        person_informed boolean NOT NULL,
        expires_at timestamptz,
        recorded_by_organisation text NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK (expires_at IS NULL OR expires_at > recorded_at)
      )`);
    await queryRunner.query(
      'CREATE INDEX risk_override_person_idx ON api.risk_override (prison_number, recorded_at)',
    );
    await queryRunner.query(`
      CREATE TRIGGER risk_override_append_only BEFORE UPDATE OR DELETE ON api.risk_override
      FOR EACH ROW EXECUTE FUNCTION api.refuse_append_only_change()`);
    await queryRunner.query(`
      CREATE TRIGGER risk_override_no_truncate BEFORE TRUNCATE ON api.risk_override
      FOR EACH STATEMENT EXECUTE FUNCTION api.refuse_append_only_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.risk_override');
  }
}
