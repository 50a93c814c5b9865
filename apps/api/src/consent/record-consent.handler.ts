import { Inject, Injectable, Logger } from '@nestjs/common';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  ConsentEventType,
  Topics,
  buildCloudEvent,
  type ConsentRecordedV1,
  type ConsentV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { Caller } from '../auth/caller';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { ConsentRecordEntity } from './consent-record.entity';
import { lockPersonRecord, nextConsentVersion } from './consent-record.repository';
import { toConsentVersionView, type ConsentVersionView } from './consent.views';
import type { WriteRoute } from '../idempotency/write-route';

export interface RecordConsent {
  prisonNumber: string;
  consent: ConsentV1;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

/**
 * `PUT /v1/people/{prisonNumber}/consent`: a new consent version, append-only. Withdrawal is a
 * new version with `false`, and it stops every later disclosure (docs/hub-interface.md §3; CON-02,
 * DIS-01), so the notifier hears of it through Topics.Consent in the same transaction.
 */
@Injectable()
export class RecordConsentHandler {
  private readonly logger = new Logger(RecordConsentHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: RecordConsent): Promise<WriteOutcome<ConsentVersionView>> {
    const { prisonNumber, consent, caller } = command;
    const request = {
      ...command.route,
      caller,
      body: consent,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      await lockPersonRecord(manager, prisonNumber);
      const now = this.clock.now();
      const record: ConsentRecordEntity = {
        prisonNumber,
        version: await nextConsentVersion(manager, prisonNumber),
        communityTreatment: consent.communityTreatment,
        cjit: consent.cjit,
        probation: consent.probation,
        ndtms: consent.ndtms,
        releasePlanSigned: consent.releasePlanSigned,
        recordedBy: consent.recordedBy,
        recordedAt: new Date(consent.recordedAt),
        recordedByOrganisation: caller.organisationId ?? 'admin',
        createdAt: now,
      };
      await manager.insert(ConsentRecordEntity, record);
      const view = toConsentVersionView(record);
      await this.outbox.write(manager, [
        {
          topic: Topics.Consent,
          key: prisonNumber,
          event: buildCloudEvent({
            id: `consent-recorded:${prisonNumber}:${record.version}`,
            type: ConsentEventType.ConsentRecorded,
            subject: prisonNumber,
            time: now,
            data: consentRecorded(view),
            correlationId: correlationIdOrNew(),
          }),
        },
      ]);
      this.logger.log(
        `consent v${record.version} for ${prisonNumber} recorded by ${record.recordedByOrganisation}`,
      );
      return view;
    });
  }
}

function consentRecorded(view: ConsentVersionView): ConsentRecordedV1 {
  return {
    prisonNumber: view.prisonNumber,
    version: view.version,
    communityTreatment: view.communityTreatment,
    cjit: view.cjit,
    probation: view.probation,
    ndtms: view.ndtms,
    releasePlanSigned: view.releasePlanSigned,
    recordedBy: view.recordedBy,
    recordedAt: view.recordedAt,
  };
}
