import type { MigrationInterface, QueryRunner } from 'typeorm';

import { messagingTablesDown, messagingTablesUp } from '@throughcare/messaging';

export class CreateApiTables1763800000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('api')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE api.intake_event (
        event_id uuid PRIMARY KEY,
        type text NOT NULL,
        prison_number text NOT NULL,
        establishment text NOT NULL,
        payload jsonb NOT NULL,
        payload_hash text NOT NULL,
        correlation_id text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX intake_event_prison_number_idx ON api.intake_event (prison_number, received_at)',
    );
    await queryRunner.query(`
      CREATE TABLE api.organisation (
        organisation_id text PRIMARY KEY,
        type text NOT NULL,
        name text NOT NULL,
        local_authority_codes text[] NOT NULL DEFAULT '{}',
        establishments text[] NOT NULL DEFAULT '{}',
        spoc jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE api.subscription (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL REFERENCES api.organisation (organisation_id),
        url text NOT NULL,
        types text[] NOT NULL,
        encrypted_secret text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.subscription');
    await queryRunner.query('DROP TABLE api.organisation');
    await queryRunner.query('DROP TABLE api.intake_event');
    for (const sql of messagingTablesDown('api')) await queryRunner.query(sql);
  }
}
