import type { MigrationInterface, QueryRunner } from 'typeorm';

import { messagingTablesDown, messagingTablesUp } from '@throughcare/messaging';

export class CreatePlannerTables1763800000100 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('planner')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE planner.release_plan (
        prison_number text PRIMARY KEY,
        release_event_id uuid NOT NULL,
        release_date date NOT NULL,
        friday_or_pre_holiday boolean NOT NULL,
        release jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE planner.milestone (
        id uuid PRIMARY KEY,
        prison_number text NOT NULL REFERENCES planner.release_plan (prison_number),
        release_event_id uuid NOT NULL,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        short_notice boolean NOT NULL DEFAULT false,
        sent_at timestamptz
      )`);
    // The poller's query: pending milestones by due time.
    await queryRunner.query(
      `CREATE INDEX milestone_pending_due_idx ON planner.milestone (due_at) WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      'CREATE INDEX milestone_prison_number_idx ON planner.milestone (prison_number)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE planner.milestone');
    await queryRunner.query('DROP TABLE planner.release_plan');
    for (const sql of messagingTablesDown('planner')) await queryRunner.query(sql);
  }
}
