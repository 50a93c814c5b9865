import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The highest revision of each person's continuity record the API has read from
 * throughcare.continuity.v1: `revision` rises per person with every change, so a copy at or
 * below it is an older one (redelivered, or overtaken) and changes nothing in the bridging
 * request read model.
 */
export class ContinuityRecordRevisions1763900000910 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api.continuity_record_revision (
        prison_number text PRIMARY KEY,
        revision integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api.continuity_record_revision');
  }
}
