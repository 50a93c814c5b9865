import { Module } from '@nestjs/common';

import { PersonAccessGuard } from './person-access.guard';
import { PersonQueries } from './person.queries';

/**
 * The person as every write and read about them needs it: the row intake, person-record and
 * prescribing write, and the guard on `/v1/people/{prisonNumber}` routes (ACC-6).
 */
@Module({
  providers: [PersonQueries, PersonAccessGuard],
  exports: [PersonQueries, PersonAccessGuard],
})
export class PersonModule {}
