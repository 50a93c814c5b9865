import type { MigrationInterface, QueryRunner } from 'typeorm';

import { messagingTablesDown, messagingTablesUp } from '@throughcare/messaging';

export class CreateNotifierTables1763800000300 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('notifier')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE notifier.recipient_organisation (
        organisation_id text PRIMARY KEY,
        type text NOT NULL,
        name text NOT NULL,
        local_authority_codes text[] NOT NULL,
        establishments text[] NOT NULL,
        spoc jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notifier.webhook_subscription (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        url text NOT NULL,
        types text[] NOT NULL,
        encrypted_secret text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notifier.notice (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        prison_number text NOT NULL,
        content jsonb NOT NULL,
        correlation_id text,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE notifier.delivery (
        id text PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES notifier.notice (id),
        organisation_id text NOT NULL,
        subscription_id uuid,
        recipient_role text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        delivered_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX delivery_pending_idx ON notifier.delivery (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await queryRunner.query('CREATE INDEX delivery_notice_idx ON notifier.delivery (notice_id)');
    await queryRunner.query(`
      CREATE TABLE notifier.delivery_attempt (
        id bigserial PRIMARY KEY,
        delivery_id text NOT NULL REFERENCES notifier.delivery (id),
        attempt_number integer NOT NULL,
        started_at timestamptz NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error text
      )`);
    await queryRunner.query(`
      CREATE TABLE notifier.disclosure_decision (
        id bigserial PRIMARY KEY,
        notice_id uuid NOT NULL,
        delivery_id text,
        organisation_id text NOT NULL,
        recipient_role text NOT NULL,
        decision text NOT NULL,
        rule text NOT NULL,
        fields text[] NOT NULL,
        decided_at timestamptz NOT NULL
      )`);
    // The audit is append-only: the service may insert, never change or delete.
    await queryRunner.query(`
      CREATE FUNCTION notifier.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disclosure_decision is append-only'; END $$`);
    await queryRunner.query(`
      CREATE TRIGGER disclosure_decision_append_only BEFORE UPDATE OR DELETE ON notifier.disclosure_decision
      FOR EACH ROW EXECUTE FUNCTION notifier.refuse_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifier.disclosure_decision');
    await queryRunner.query('DROP FUNCTION notifier.refuse_audit_change');
    await queryRunner.query('DROP TABLE notifier.delivery_attempt');
    await queryRunner.query('DROP TABLE notifier.delivery');
    await queryRunner.query('DROP TABLE notifier.notice');
    await queryRunner.query('DROP TABLE notifier.webhook_subscription');
    await queryRunner.query('DROP TABLE notifier.recipient_organisation');
    for (const sql of messagingTablesDown('notifier')) await queryRunner.query(sql);
  }
}
