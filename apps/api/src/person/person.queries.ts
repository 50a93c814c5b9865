import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { PersonEntity } from './person.entity';

/** The person row and where the person has been held: what access to a person turns on. */
@Injectable()
export class PersonQueries {
  constructor(private readonly dataSource: DataSource) {}

  async person(prisonNumber: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOneBy({ prisonNumber });
  }

  /** Establishments the person's events name: a prison key may read a timeline it contributed to. */
  async establishmentsOf(prisonNumber: string): Promise<string[]> {
    const rows: Array<{ establishment: string }> = await this.dataSource.query(
      `SELECT DISTINCT establishment FROM api.intake_event WHERE prison_number = $1
       UNION SELECT payload->>'toEstablishment' FROM api.intake_event WHERE prison_number = $1 AND payload ? 'toEstablishment'`,
      [prisonNumber],
    );
    return rows.map((r) => r.establishment);
  }
}
