import { Inject, Injectable, Logger } from '@nestjs/common';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DomainError,
  DomainErrorCode,
  PersonRecordEventType,
  type BridgingIssuedV1,
  type BridgingRequestV1,
  type BridgingScriptIssuedV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';

import type { Caller } from '../auth/caller';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { PersonEntity } from '../person/person.entity';
import { personRecordMessage } from '../person-record/person-record.messages';
import { BridgingRequestEntity, toBridgingRequestView } from './bridging-request.entity';
import { assertCallerCovers } from '../auth/establishment-scope';
import type { WriteRoute } from '../idempotency/write-route';

export interface IssueBridgingScript {
  requestId: string;
  issued: BridgingIssuedV1;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

/**
 * `POST /v1/prescribing/bridging-requests/{id}/issued`: a prison prescriber issued the FP10 /
 * FP10MDA (OST-03). Continuity hears of it and tells the community provider.
 */
@Injectable()
export class IssueBridgingScriptHandler {
  private readonly logger = new Logger(IssueBridgingScriptHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: IssueBridgingScript): Promise<WriteOutcome<BridgingRequestV1>> {
    const { requestId, issued, caller } = command;
    const request = {
      ...command.route,
      caller,
      body: issued,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      const row = await manager
        .getRepository(BridgingRequestEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :requestId', { requestId })
        .getOne();
      if (!row) throw new DomainError(DomainErrorCode.NotFound, 'No such bridging request');
      // A prescriber issues for its own prison's releases (docs/hub-interface.md §3).
      assertCallerCovers(
        caller,
        row.establishment,
        `The bridging request is for ${row.establishment}; your key is not`,
      );
      if (row.status !== 'OPEN')
        throw new DomainError(
          DomainErrorCode.Conflict,
          `The bridging request is ${row.status}, not OPEN`,
        );
      const person = await manager.findOneByOrFail(PersonEntity, {
        prisonNumber: row.prisonNumber,
      });
      row.status = 'ISSUED';
      row.issued = issued;
      await manager.update(BridgingRequestEntity, row.id, { status: 'ISSUED', issued });
      const now = this.clock.now();
      const event: BridgingScriptIssuedV1 = {
        prisonNumber: row.prisonNumber,
        episodeId: person.episodeId ?? '',
        recordedByOrganisation: caller.organisationId ?? 'admin',
        acceptedAt: now.toISOString(),
        requestId: row.id,
        issued,
      };
      await this.outbox.write(manager, [
        personRecordMessage(PersonRecordEventType.BridgingScriptIssued, event, now),
      ]);
      this.logger.log(`bridging request ${row.id} issued`);
      return toBridgingRequestView(row);
    });
  }
}
