import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of the disclosure audit (issue 12; docs/security/database-roles-and-retention.md).
 * The audit still refuses every change except the deletes this purge function makes; it runs as
 * its owner (SECURITY DEFINER) and the runtime role holds no DELETE on the audit, so it cannot
 * raise the purge flag and delete on its own. Deliveries, attempts and notice bodies are the
 * runtime role's own rows: the service's sweep deletes those directly.
 */
export class RetentionPurge1765000000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION notifier.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('throughcare.retention_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'disclosure_decision is append-only';
      END $$`);
    // The audit outlives what it audits: a decision goes only once it is older than `before`
    // and neither its notice nor the delivery it decided is still held.
    await queryRunner.query(`
      CREATE FUNCTION notifier.purge_disclosure_audit(before timestamptz, max_rows integer)
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE purged integer;
      BEGIN
        PERFORM set_config('throughcare.retention_purge', 'on', true);
        DELETE FROM notifier.disclosure_decision WHERE id IN (
          SELECT a.id FROM notifier.disclosure_decision a
           WHERE a.decided_at < before
             AND NOT EXISTS (SELECT 1 FROM notifier.notice n WHERE n.id = a.notice_id)
             AND NOT EXISTS (SELECT 1 FROM notifier.delivery d WHERE d.id = a.delivery_id)
           ORDER BY a.id
           LIMIT max_rows);
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('throughcare.retention_purge', 'off', true);
        RETURN purged;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION notifier.purge_disclosure_audit(timestamptz, integer)');
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION notifier.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disclosure_decision is append-only'; END $$`);
  }
}
