import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 12; docs/security/database-roles-and-retention.md). The append-only tables
 * (consent history, risk overrides, the disclosure audit, replay requests) still refuse every
 * change, except the deletes these purge functions make. The functions run as their owner (the
 * migration role, SECURITY DEFINER); the runtime role may call them but holds no DELETE on those
 * tables, so it cannot raise the purge flag and delete on its own. The rules live here, in SQL;
 * the service's sweep only says how old is old.
 */
export class RetentionPurge1765000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION api.refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('throughcare.retention_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);

    // A released person the hub has heard nothing about since `before`: every row about them.
    // Someone in custody is never purged, however long ago they were received.
    await queryRunner.query(`
      CREATE FUNCTION api.purge_released_people(before timestamptz, max_people integer)
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE people text[];
      BEGIN
        SELECT array_agg(p.prison_number) INTO people FROM (
          SELECT person.prison_number FROM api.person
           WHERE person.status IN ('RELEASED', 'RELEASED_FROM_COURT')
             AND person.updated_at < before
             AND NOT EXISTS (SELECT 1 FROM api.intake_event e
                              WHERE e.prison_number = person.prison_number AND e.received_at >= before)
             AND NOT EXISTS (SELECT 1 FROM api.consent_record c
                              WHERE c.prison_number = person.prison_number AND c.created_at >= before)
             AND NOT EXISTS (SELECT 1 FROM api.risk_override r
                              WHERE r.prison_number = person.prison_number
                                AND (r.created_at >= before OR r.expires_at >= before))
             AND NOT EXISTS (SELECT 1 FROM api.dir_version d
                              WHERE d.prison_number = person.prison_number AND d.created_at >= before)
             AND NOT EXISTS (SELECT 1 FROM api.ost_plan_record o
                              WHERE o.prison_number = person.prison_number AND o.created_at >= before)
             AND NOT EXISTS (SELECT 1 FROM api.naloxone_record n
                              WHERE n.prison_number = person.prison_number AND n.created_at >= before)
             AND NOT EXISTS (SELECT 1 FROM api.bridging_request b
                              WHERE b.prison_number = person.prison_number AND b.opened_at >= before)
           ORDER BY person.updated_at
           LIMIT max_people
           FOR UPDATE SKIP LOCKED) p;
        IF people IS NULL THEN RETURN 0; END IF;
        PERFORM set_config('throughcare.retention_purge', 'on', true);
        DELETE FROM api.consent_record WHERE prison_number = ANY (people);
        DELETE FROM api.risk_override WHERE prison_number = ANY (people);
        DELETE FROM api.intake_event WHERE prison_number = ANY (people);
        DELETE FROM api.release_notice WHERE prison_number = ANY (people);
        DELETE FROM api.issued_notice WHERE prison_number = ANY (people);
        DELETE FROM api.dir_version WHERE prison_number = ANY (people);
        DELETE FROM api.ost_plan_record WHERE prison_number = ANY (people);
        DELETE FROM api.naloxone_record WHERE prison_number = ANY (people);
        DELETE FROM api.bridging_request WHERE prison_number = ANY (people);
        DELETE FROM api.person WHERE prison_number = ANY (people);
        PERFORM set_config('throughcare.retention_purge', 'off', true);
        RETURN cardinality(people);
      END $$`);

    // Finished deliveries (not waiting, retrying or paused) created before `before`, with the
    // replay requests made of them.
    await queryRunner.query(`
      CREATE FUNCTION api.purge_finished_deliveries(before timestamptz, max_rows integer)
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE doomed text[];
      BEGIN
        SELECT array_agg(x.delivery_id) INTO doomed FROM (
          SELECT delivery.delivery_id FROM api.delivery
           WHERE delivery.status IN ('DELIVERED', 'FAILED', 'WITHHELD') AND delivery.created_at < before
           ORDER BY delivery.created_at
           LIMIT max_rows
           FOR UPDATE SKIP LOCKED) x;
        IF doomed IS NULL THEN RETURN 0; END IF;
        PERFORM set_config('throughcare.retention_purge', 'on', true);
        DELETE FROM api.delivery_replay_request WHERE delivery_id = ANY (doomed);
        DELETE FROM api.delivery WHERE delivery_id = ANY (doomed);
        PERFORM set_config('throughcare.retention_purge', 'off', true);
        RETURN cardinality(doomed);
      END $$`);

    // The audit outlives what it audits: a decision goes only once it is older than `before`
    // and neither the delivery it decided nor the person's record is still held.
    await queryRunner.query(`
      CREATE FUNCTION api.purge_disclosure_records(before timestamptz, max_rows integer)
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE purged integer;
      BEGIN
        PERFORM set_config('throughcare.retention_purge', 'on', true);
        DELETE FROM api.disclosure_record WHERE decision_id IN (
          SELECT r.decision_id FROM api.disclosure_record r
           WHERE r.decided_at < before
             AND NOT EXISTS (SELECT 1 FROM api.delivery d WHERE d.delivery_id = r.delivery_id)
             AND NOT EXISTS (SELECT 1 FROM api.person p WHERE p.prison_number = r.prison_number)
           ORDER BY r.decided_at
           LIMIT max_rows);
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('throughcare.retention_purge', 'off', true);
        RETURN purged;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION api.purge_disclosure_records(timestamptz, integer)');
    await queryRunner.query('DROP FUNCTION api.purge_finished_deliveries(timestamptz, integer)');
    await queryRunner.query('DROP FUNCTION api.purge_released_people(timestamptz, integer)');
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION api.refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
  }
}
