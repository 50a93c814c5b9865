import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DeliveryEventType,
  DomainError,
  DomainErrorCode,
  Topics,
  buildCloudEvent,
  type DeliveryReplayRequestedV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';
import { correlationIdOrNew } from '@throughcare/observability';

import type { Caller } from '../auth/caller';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { REPLAYABLE_STATUSES, replayRefusal } from './delivery-access';
import { DeliveryReplayRequestEntity } from './delivery-replay-request.entity';
import { DeliveryEntity } from './delivery.entity';
import type { ReplayAccepted } from './delivery.views';
import type { WriteRoute } from '../idempotency/write-route';

export interface RequestReplay {
  deliveryId: string;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

/**
 * `POST /v1/deliveries/{id}/replay` (docs/hub-interface.md §3): asks the notifier, through the outbox, to
 * send a delivered or failed notice again under the same webhook-id. The notifier decides what
 * may be disclosed when it sends, under the consent on record then; the API only checks that the
 * caller may see the delivery and that it has settled.
 */
@Injectable()
export class RequestReplayHandler {
  private readonly logger = new Logger(RequestReplayHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: RequestReplay): Promise<WriteOutcome<ReplayAccepted>> {
    const { deliveryId, caller } = command;
    const request = {
      ...command.route,
      caller,
      body: {},
    };
    return this.idempotentWrites.once(request, async (manager) => {
      const delivery = await manager.findOneBy(DeliveryEntity, { deliveryId });
      const refusal = replayRefusal(caller, delivery);
      // The same answer for unknown and not-yours, so the 404 reveals nothing.
      if (refusal === 'not-found' || !delivery)
        throw new DomainError(DomainErrorCode.NotFound, `no delivery ${deliveryId}`);
      if (refusal === 'not-replayable')
        throw new DomainError(
          DomainErrorCode.Conflict,
          `delivery ${deliveryId} is ${delivery.status}: only ${REPLAYABLE_STATUSES.join(' or ')} deliveries can be replayed`,
        );
      const row: DeliveryReplayRequestEntity = {
        requestId: randomUUID(),
        deliveryId,
        requestedBy: caller.organisationId ?? 'admin',
        requestedAt: this.clock.now(),
      };
      await manager.insert(DeliveryReplayRequestEntity, row);
      await this.outbox.write(manager, [replayRequested(row)]);
      this.logger.log(`replay of ${deliveryId} requested by ${row.requestedBy}`);
      return { deliveryId, status: 'replay-requested' as const };
    });
  }
}

function replayRequested(row: DeliveryReplayRequestEntity) {
  const data: DeliveryReplayRequestedV1 = {
    deliveryId: row.deliveryId,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
  };
  return {
    topic: Topics.DeliveryCommand,
    // Keyed by delivery: the notifier sees one delivery's requests in the order they were made.
    key: row.deliveryId,
    event: buildCloudEvent({
      id: row.requestId,
      type: DeliveryEventType.ReplayRequested,
      time: row.requestedAt,
      data,
      correlationId: correlationIdOrNew(),
    }),
  };
}
