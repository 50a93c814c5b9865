import { Module } from '@nestjs/common';

import { NoticeDueConsumer } from './notice-due.consumer';
import { PeopleController } from './people.controller';
import { PeopleQueries } from './people.queries';
import { PersonModule } from '../person/person.module';

@Module({
  imports: [PersonModule],
  controllers: [PeopleController, NoticeDueConsumer],
  providers: [PeopleQueries],
  exports: [PeopleQueries],
})
export class PeopleModule {}
