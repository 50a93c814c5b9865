import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  ConsentEventType,
  Topics,
  buildCloudEvent,
  type RiskOverrideRecordedV1,
  type RiskOverrideV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { Caller } from '../auth/caller';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { lockPersonRecord } from './consent-record.repository';
import { toRiskOverrideView, type RiskOverrideView } from './consent.views';
import { RiskOverrideEntity } from './risk-override.entity';
import type { WriteRoute } from '../idempotency/write-route';

export interface RecordRiskOverride {
  prisonNumber: string;
  override: RiskOverrideV1;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

/**
 * `POST /v1/people/{prisonNumber}/risk-override`: disclosure without consent because of a risk to
 * life or of serious harm (CON-04), always audited.
 * The reason stays in api.risk_override: the event, the answer and the logs never carry it.
 */
@Injectable()
export class RecordRiskOverrideHandler {
  private readonly logger = new Logger(RecordRiskOverrideHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: RecordRiskOverride): Promise<WriteOutcome<RiskOverrideView>> {
    const { prisonNumber, override, caller } = command;
    const request = {
      ...command.route,
      caller,
      body: override,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      await lockPersonRecord(manager, prisonNumber);
      const now = this.clock.now();
      const record: RiskOverrideEntity = {
        overrideId: randomUUID(),
        prisonNumber,
        ground: override.ground,
        reason: override.reason,
        scope: override.scope,
        authorisedBy: override.authorisedBy,
        recordedAt: new Date(override.recordedAt),
        consentSoughtFirst: override.consentSoughtFirst,
        personInformed: override.personInformed,
        expiresAt: override.expiresAt ? new Date(override.expiresAt) : null,
        recordedByOrganisation: caller.organisationId ?? 'admin',
        createdAt: now,
      };
      await manager.insert(RiskOverrideEntity, record);
      const view = toRiskOverrideView(record);
      await this.outbox.write(manager, [
        {
          topic: Topics.Consent,
          key: prisonNumber,
          event: buildCloudEvent({
            id: record.overrideId,
            type: ConsentEventType.RiskOverrideRecorded,
            subject: prisonNumber,
            time: now,
            data: riskOverrideRecorded(view),
            correlationId: correlationIdOrNew(),
          }),
        },
      ]);
      this.logger.log(
        `risk override ${record.overrideId} (${record.ground}) for ${prisonNumber} recorded by ${record.recordedByOrganisation}`,
      );
      return view;
    });
  }
}

/** What decides a disclosure, and nothing else: no reason text. */
function riskOverrideRecorded(view: RiskOverrideView): RiskOverrideRecordedV1 {
  return {
    overrideId: view.overrideId,
    prisonNumber: view.prisonNumber,
    ground: view.ground,
    scope: view.scope,
    authorisedBy: view.authorisedBy,
    recordedAt: view.recordedAt,
    ...(view.expiresAt ? { expiresAt: view.expiresAt } : {}),
  };
}
