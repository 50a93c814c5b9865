import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first admin key is created at first start, before any organisation is registered
 * (docs/configuration.md, "First admin key"): an admin key may belong to no organisation; every
 * other key still must.
 */
export class FirstAdminKey1766000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api.api_key ALTER COLUMN organisation_id DROP NOT NULL');
    await queryRunner.query(`
      ALTER TABLE api.api_key ADD CONSTRAINT api_key_organisation_unless_admin
        CHECK (organisation_id IS NOT NULL OR role = 'admin')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM api.api_key WHERE organisation_id IS NULL');
    await queryRunner.query(
      'ALTER TABLE api.api_key DROP CONSTRAINT api_key_organisation_unless_admin',
    );
    await queryRunner.query('ALTER TABLE api.api_key ALTER COLUMN organisation_id SET NOT NULL');
  }
}
