import type { MigrationInterface, QueryRunner } from 'typeorm';

import { messagingTablesDown, messagingTablesUp } from '@throughcare/messaging';

export class CreateHmppsAdapterTables1765100000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('hmpps_adapter')) await queryRunner.query(sql);
    // One row per HMPPS message handled, whatever came of it: the adapter's own timeline of
    // each person, with the HMPPS message id and the hub event ids it sent (HMPPS-7).
    await queryRunner.query(`
      CREATE TABLE hmpps_adapter.handled_message (
        message_id text PRIMARY KEY,
        source text NOT NULL,
        event_type text NOT NULL,
        action text NOT NULL,
        prison_number text,
        occurred_at timestamptz,
        outcome text NOT NULL,
        hub_event_ids text[] NOT NULL DEFAULT '{}',
        handled_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX handled_message_person_idx ON hmpps_adapter.handled_message (prison_number, occurred_at)`,
    );
    // Unknown event types and reasons, kept whole for someone to read (HMPPS-3).
    await queryRunner.query(`
      CREATE TABLE hmpps_adapter.unknown_event (
        message_id text PRIMARY KEY,
        event_type text NOT NULL,
        reason text,
        why text NOT NULL,
        body jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Where the adapter last saw each person, so that a transfer in names the prison it came from,
    // and the release date it last posted, so that an unchanged date is not posted again.
    await queryRunner.query(`
      CREATE TABLE hmpps_adapter.custody_position (
        prison_number text PRIMARY KEY,
        establishment text NOT NULL,
        in_transit boolean NOT NULL,
        occurred_at timestamptz NOT NULL,
        planned_release_date date
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hmpps_adapter.custody_position');
    await queryRunner.query('DROP TABLE hmpps_adapter.unknown_event');
    await queryRunner.query('DROP TABLE hmpps_adapter.handled_message');
    for (const sql of messagingTablesDown('hmpps_adapter')) await queryRunner.query(sql);
  }
}
