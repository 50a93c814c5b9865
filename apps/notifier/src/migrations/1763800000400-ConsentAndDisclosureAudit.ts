import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notifier's copy of each person's consent and risk overrides (read at send time), and the
 * disclosure audit's new columns: the rule's citation, the consent version and override
 * each decision rested on, and the person and notice type so the audit reads on its own.
 */
export class ConsentAndDisclosureAudit1763800000400 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifier.consent_state (
        prison_number text PRIMARY KEY,
        version integer NOT NULL,
        community_treatment boolean NOT NULL,
        cjit boolean NOT NULL,
        probation boolean NOT NULL,
        ndtms boolean NOT NULL,
        release_plan_signed boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notifier.risk_override (
        override_id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        ground text NOT NULL,
        scope text[] NOT NULL,
        recorded_at timestamptz NOT NULL,
        expires_at timestamptz
      )`);
    await queryRunner.query(
      'CREATE INDEX risk_override_person_idx ON notifier.risk_override (prison_number)',
    );
    await queryRunner.query('CREATE INDEX notice_person_idx ON notifier.notice (prison_number)');
    await queryRunner.query(`
      ALTER TABLE notifier.disclosure_decision
        ADD COLUMN decision_id uuid UNIQUE,
        ADD COLUMN prison_number text,
        ADD COLUMN notice_type text,
        ADD COLUMN citation text,
        ADD COLUMN consent_version integer,
        ADD COLUMN risk_override_id uuid,
        ALTER COLUMN organisation_id DROP NOT NULL,
        ALTER COLUMN recipient_role DROP NOT NULL`);
    await queryRunner.query(
      'CREATE INDEX disclosure_decision_delivery_idx ON notifier.disclosure_decision (delivery_id)',
    );
    // Prisons now play two roles: releasing (or holding) and receiving.
    await queryRunner.query(
      `UPDATE notifier.delivery SET recipient_role = 'RELEASING_PRISON' WHERE recipient_role = 'PRISON'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE notifier.delivery SET recipient_role = 'PRISON' WHERE recipient_role = 'RELEASING_PRISON'`,
    );
    await queryRunner.query('DROP INDEX notifier.disclosure_decision_delivery_idx');
    await queryRunner.query(`
      ALTER TABLE notifier.disclosure_decision
        DROP COLUMN decision_id, DROP COLUMN prison_number, DROP COLUMN notice_type,
        DROP COLUMN citation, DROP COLUMN consent_version, DROP COLUMN risk_override_id`);
    await queryRunner.query('DROP INDEX notifier.notice_person_idx');
    await queryRunner.query('DROP TABLE notifier.risk_override');
    await queryRunner.query('DROP TABLE notifier.consent_state');
  }
}
