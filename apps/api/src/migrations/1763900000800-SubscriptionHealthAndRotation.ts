import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SubscriptionHealthAndRotation1763900000800 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The endpoint's state as the notifier reports it (throughcare.delivery.endpoint-disabled)
    // and as the subscriber sets it (enable), for GET /v1/subscriptions; and the end of the
    // overlap during which the previous signing secret still signs.
    await queryRunner.query(`
      ALTER TABLE api.subscription
        ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        ADD COLUMN failing_since timestamptz,
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN enabled_at timestamptz,
        ADD COLUMN secret_rotated_at timestamptz,
        ADD COLUMN previous_secret_valid_until timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api.subscription
        DROP COLUMN status, DROP COLUMN failing_since, DROP COLUMN disabled_at,
        DROP COLUMN enabled_at, DROP COLUMN secret_rotated_at, DROP COLUMN previous_secret_valid_until`);
  }
}
