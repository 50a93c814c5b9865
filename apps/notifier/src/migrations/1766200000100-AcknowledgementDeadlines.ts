import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledgement deadlines and the escalation ladder (issue 16, ACK-02 to ACK-04): one row per
 * notice and organisation that owes an acknowledgement, swept on the hub clock; the audit of each
 * step taken; and an organisation's second contact, the ladder's second step.
 */
export class AcknowledgementDeadlines1766200000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE notifier.recipient_organisation ADD COLUMN second_contact jsonb',
    );
    await queryRunner.query(`
      CREATE TABLE notifier.acknowledgement_deadline (
        notice_id uuid NOT NULL REFERENCES notifier.notice (id) ON DELETE CASCADE,
        organisation_id text NOT NULL,
        recipient_role text NOT NULL,
        notice_type text NOT NULL,
        prison_number text NOT NULL,
        delivery_id text NOT NULL,
        releasing_establishment text,
        release_date date,
        issued_at timestamptz NOT NULL,
        required text,
        due_at timestamptz,
        next_step text,
        next_step_at timestamptz,
        declined_reason text,
        closed_at timestamptz,
        closed_by text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (notice_id, organisation_id)
      )`);
    await queryRunner.query(`
      CREATE INDEX acknowledgement_deadline_open ON notifier.acknowledgement_deadline (next_step_at)
       WHERE closed_at IS NULL`);
    await queryRunner.query(`
      CREATE INDEX acknowledgement_deadline_uncomputed ON notifier.acknowledgement_deadline (created_at)
       WHERE due_at IS NULL AND closed_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE notifier.escalation_step (
        id bigserial PRIMARY KEY,
        notice_id uuid NOT NULL,
        organisation_id text NOT NULL,
        step text NOT NULL,
        to_organisation_id text,
        outcome text NOT NULL,
        detail text,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX escalation_step_notice ON notifier.escalation_step (notice_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifier.escalation_step');
    await queryRunner.query('DROP TABLE notifier.acknowledgement_deadline');
    await queryRunner.query(
      'ALTER TABLE notifier.recipient_organisation DROP COLUMN second_contact',
    );
  }
}
