import { Module } from '@nestjs/common';

import { NoticeDueConsumer } from './notice-due.consumer';
import { PeopleController } from './people.controller';
import { PeopleQueries } from './people.queries';

@Module({
  controllers: [PeopleController, NoticeDueConsumer],
  providers: [PeopleQueries],
})
export class PeopleModule {}
