import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledgements name the person (ACK-01): when the retention sweep purges a released person
 * (api.purge_released_people deletes the person row last), their acknowledgements go with them.
 */
export class PurgeAcknowledgementsWithPerson1766200000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION api.purge_person_acknowledgements() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM api.acknowledgement WHERE prison_number = OLD.prison_number;
        RETURN OLD;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER person_purges_acknowledgements AFTER DELETE ON api.person
      FOR EACH ROW EXECUTE FUNCTION api.purge_person_acknowledgements()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER person_purges_acknowledgements ON api.person');
    await queryRunner.query('DROP FUNCTION api.purge_person_acknowledgements()');
  }
}
