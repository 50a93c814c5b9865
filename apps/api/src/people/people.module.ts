import { Module } from '@nestjs/common';

import { NoticeDueConsumer } from './notice-due.consumer';
import { PeopleController } from './people.controller';
import { PeopleQueries } from './people.queries';
import { PersonAccessGuard } from './person-access.guard';

@Module({
  controllers: [PeopleController, NoticeDueConsumer],
  providers: [PeopleQueries, PersonAccessGuard],
  exports: [PeopleQueries, PersonAccessGuard],
})
export class PeopleModule {}
