import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #6: one row per person with their continuity record for the current custody episode
 * (the movements, the planned release, the DIR, OST plan, naloxone and bridging request), and
 * the notices continuity has issued, by their deterministic id, so none is issued twice.
 * release_medication_need is superseded by person_continuity.
 */
export class PersonContinuity1763900001000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE continuity.person_continuity (
        prison_number text PRIMARY KEY,
        episode_id text,
        revision integer NOT NULL DEFAULT 0,
        record jsonb,
        movements jsonb NOT NULL DEFAULT '[]',
        release jsonb,
        reception jsonb,
        left_custody jsonb,
        past_episode_ids jsonb NOT NULL DEFAULT '[]',
        cjit_consent boolean NOT NULL DEFAULT false,
        pending_cjit_requests jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE continuity.continuity_notice (
        notice_id uuid PRIMARY KEY,
        prison_number text NOT NULL,
        notice_type text NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX continuity_notice_prison_number ON continuity.continuity_notice (prison_number)',
    );
    await queryRunner.query('DROP TABLE continuity.release_medication_need');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query('DROP TABLE continuity.continuity_notice');
    await queryRunner.query('DROP TABLE continuity.person_continuity');
  }
}
