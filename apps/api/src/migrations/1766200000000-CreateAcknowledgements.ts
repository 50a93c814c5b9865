import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledgements of notices by their recipients (issue 16, ACK-01): append-only, as the other
 * audit tables, each naming the delivery (webhook-id) it answers and the person, for the timeline
 * and the measures. An organisation's second contact, the escalation ladder's second step (ACK-04).
 */
export class CreateAcknowledgements1766200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api.acknowledgement (
        acknowledgement_id uuid PRIMARY KEY,
        delivery_id text NOT NULL,
        notice_id uuid NOT NULL,
        notice_type text NOT NULL,
        organisation_id text NOT NULL,
        prison_number text,
        status text NOT NULL,
        action jsonb,
        reason text,
        acknowledged_by text NOT NULL,
        acknowledged_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX acknowledgement_delivery ON api.acknowledgement (delivery_id)',
    );
    await queryRunner.query(
      'CREATE INDEX acknowledgement_person ON api.acknowledgement (prison_number)',
    );
    await queryRunner.query(`
      CREATE TRIGGER acknowledgement_append_only BEFORE UPDATE ON api.acknowledgement
      FOR EACH ROW EXECUTE FUNCTION api.refuse_append_only_change()`);
    await queryRunner.query('ALTER TABLE api.organisation ADD COLUMN second_contact jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api.organisation DROP COLUMN second_contact');
    await queryRunner.query('DROP TABLE api.acknowledgement');
  }
}
