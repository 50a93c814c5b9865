import { Module } from '@nestjs/common';

import { PersonModule } from '../person/person.module';
import { DisclosureAuditController } from './disclosure-audit.controller';
import { DisclosureAuditQueries } from './disclosure-audit.queries';
import { DisclosureDecidedConsumer } from './disclosure-decided.consumer';

/** The API's read side of the disclosure audit: the Kafka copy, and the admin export. */
@Module({
  imports: [PersonModule],
  controllers: [DisclosureAuditController, DisclosureDecidedConsumer],
  providers: [DisclosureAuditQueries],
})
export class DisclosureAuditModule {}
