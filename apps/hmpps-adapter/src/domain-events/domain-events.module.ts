import { Module } from '@nestjs/common';

import { CourtCandidateSweeper } from '../court-candidates/court-candidate.sweeper';
import { CourtCandidatesRepository } from '../court-candidates/court-candidates.repository';
import { HmppsEventsConsumer } from '../kafka/hmpps-events.consumer';
import { ProvisionalReleasesRepository } from '../provisional-releases/provisional-releases.repository';
import { PrisonerSearchClient } from '../release-dates/prisoner-search.client';
import { SigningCertificates } from '../sns/signing-certificates';
import { SnsController } from '../sns/sns.controller';
import { AdapterRecordsRepository } from './adapter-records.repository';
import { HandleDomainEventHandler } from './handle-domain-event.handler';
import { HubIntakeClient } from './hub-intake.client';
import { MovementEffects } from './movement-effects';

/** Both entries (SNS over HTTPS, Kafka) and the one handler they share. */
@Module({
  controllers: [SnsController],
  providers: [
    AdapterRecordsRepository,
    CourtCandidateSweeper,
    CourtCandidatesRepository,
    HandleDomainEventHandler,
    HmppsEventsConsumer,
    HubIntakeClient,
    MovementEffects,
    PrisonerSearchClient,
    ProvisionalReleasesRepository,
    SigningCertificates,
  ],
})
export class DomainEventsModule {}
