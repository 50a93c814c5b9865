import type { MigrationInterface, QueryRunner } from 'typeorm';

import { messagingTablesDown, messagingTablesUp } from '@throughcare/messaging';

export class CreateContinuityTables1763800000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of messagingTablesUp('continuity')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE continuity.release_medication_need (
        prison_number text PRIMARY KEY,
        release_event_id uuid NOT NULL,
        establishment text NOT NULL,
        release_date date NOT NULL,
        on_ost boolean NOT NULL,
        opiate_history boolean NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE continuity.release_medication_need');
    for (const sql of messagingTablesDown('continuity')) await queryRunner.query(sql);
  }
}
