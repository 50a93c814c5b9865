import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeliveries1763900000700 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The API's copy of the notifier's deliveries (throughcare.delivery.v1), for
    // GET /v1/deliveries: one row per delivery, the highest revision read so far. The attempts
    // travel as one list with every update, so they are kept as one jsonb value. No personal data.
    await queryRunner.query(`
      CREATE TABLE api.delivery (
        delivery_id text PRIMARY KEY,
        notice_id uuid NOT NULL,
        notice_type text NOT NULL,
        organisation_id text NOT NULL,
        subscription_id uuid,
        channel text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        replays integer NOT NULL CHECK (replays >= 0),
        attempts jsonb NOT NULL,
        revision integer NOT NULL CHECK (revision >= 1),
        received_at timestamptz NOT NULL
      )`);
    // The two list orders: one organisation's newest first, and everyone's (admin).
    await queryRunner.query(
      'CREATE INDEX delivery_organisation_idx ON api.delivery (organisation_id, created_at DESC, delivery_id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX delivery_created_idx ON api.delivery (created_at DESC, delivery_id DESC)',
    );
    // Who asked for a replay and when: kept even after the delivery moves on.
    await queryRunner.query(`
      CREATE TABLE api.delivery_replay_request (
        request_id uuid PRIMARY KEY,
        delivery_id text NOT NULL REFERENCES api.delivery (delivery_id),
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX delivery_replay_request_delivery_idx ON api.delivery_replay_request (delivery_id, requested_at)',
    );
    await queryRunner.query(`
      CREATE TRIGGER delivery_replay_request_append_only BEFORE UPDATE OR DELETE ON api.delivery_replay_request
      FOR EACH ROW EXECUTE FUNCTION api.refuse_append_only_change()`);
    await queryRunner.query(`
      CREATE TRIGGER delivery_replay_request_no_truncate BEFORE TRUNCATE ON api.delivery_replay_request
      FOR EACH STATEMENT EXECUTE FUNCTION api.refuse_append_only_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.delivery_replay_request');
    await queryRunner.query('DROP TABLE api.delivery');
  }
}
