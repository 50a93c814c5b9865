import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices that arrived before the notifier's copy of consent reached the version the API had
 * acknowledged when it accepted their cause (issue 13): kept here, without deliveries, until the
 * consent arrives or the bounded wait ends.
 */
export class NoticeAwaitingConsent1764900000200 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifier.notice_awaiting_consent (
        notice_id uuid PRIMARY KEY REFERENCES notifier.notice (id),
        prison_number text NOT NULL,
        consent_version integer NOT NULL,
        parked_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      'CREATE INDEX notice_awaiting_consent_person ON notifier.notice_awaiting_consent (prison_number)',
    );
    await queryRunner.query(
      'CREATE INDEX notice_awaiting_consent_parked_at ON notifier.notice_awaiting_consent (parked_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifier.notice_awaiting_consent');
  }
}
