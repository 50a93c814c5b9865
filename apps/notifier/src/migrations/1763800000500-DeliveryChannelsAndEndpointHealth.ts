import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail as a second channel (a delivery without a webhook is an e-mail to the SPOC, no longer
 * "no channel"), replays, endpoint health (failing since, disabled), secret rotation (the
 * previous secret stays valid for an overlap) and a revision per delivery for the API's view.
 */
export class DeliveryChannelsAndEndpointHealth1763800000500 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notifier.webhook_subscription
        ADD COLUMN previous_encrypted_secret text,
        ADD COLUMN previous_secret_valid_until timestamptz,
        ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE',
        ADD COLUMN failing_since timestamptz,
        ADD COLUMN disabled_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE notifier.delivery
        ADD COLUMN channel text NOT NULL DEFAULT 'WEBHOOK',
        ADD COLUMN replays integer NOT NULL DEFAULT 0,
        ADD COLUMN replaying boolean NOT NULL DEFAULT false,
        ADD COLUMN revision integer NOT NULL DEFAULT 0`);
    // What had no channel goes by e-mail now: never silently dropped.
    await queryRunner.query(`
      UPDATE notifier.delivery SET channel = 'EMAIL', status = 'PENDING', next_attempt_at = now()
       WHERE status = 'NO_CHANNEL'`);
    await queryRunner.query(
      'CREATE INDEX delivery_subscription_idx ON notifier.delivery (subscription_id, status, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX notifier.delivery_subscription_idx');
    await queryRunner.query(`
      UPDATE notifier.delivery SET status = 'NO_CHANNEL', next_attempt_at = NULL
       WHERE channel = 'EMAIL' AND status = 'PENDING'`);
    await queryRunner.query(`
      ALTER TABLE notifier.delivery
        DROP COLUMN channel, DROP COLUMN replays, DROP COLUMN replaying, DROP COLUMN revision`);
    await queryRunner.query(`
      ALTER TABLE notifier.webhook_subscription
        DROP COLUMN previous_encrypted_secret, DROP COLUMN previous_secret_valid_until,
        DROP COLUMN status, DROP COLUMN failing_since, DROP COLUMN disabled_at`);
  }
}
