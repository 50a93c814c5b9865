import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery stood down (its release cancelled before it went, REL-07) is finished like a
 * delivered, failed or withheld one: the retention sweep deletes it when old enough. The same
 * function as 1765000000000-RetentionPurge, with STOOD_DOWN among the finished statuses.
 */
export class PurgeStoodDownDeliveries1766150000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      purgeFinishedDeliveries(`'DELIVERED', 'FAILED', 'WITHHELD', 'STOOD_DOWN'`),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(purgeFinishedDeliveries(`'DELIVERED', 'FAILED', 'WITHHELD'`));
  }
}

function purgeFinishedDeliveries(finished: string): string {
  return `
      CREATE OR REPLACE FUNCTION api.purge_finished_deliveries(before timestamptz, max_rows integer)
      RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE doomed text[];
      BEGIN
        SELECT array_agg(x.delivery_id) INTO doomed FROM (
          SELECT delivery.delivery_id FROM api.delivery
           WHERE delivery.status IN (${finished}) AND delivery.created_at < before
           ORDER BY delivery.created_at
           LIMIT max_rows
           FOR UPDATE SKIP LOCKED) x;
        IF doomed IS NULL THEN RETURN 0; END IF;
        PERFORM set_config('throughcare.retention_purge', 'on', true);
        DELETE FROM api.delivery_replay_request WHERE delivery_id = ANY (doomed);
        DELETE FROM api.delivery WHERE delivery_id = ANY (doomed);
        PERFORM set_config('throughcare.retention_purge', 'off', true);
        RETURN cardinality(doomed);
      END $$`;
}
