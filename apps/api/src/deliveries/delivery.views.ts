import type { DeliveryChannel, DeliveryStatusV1 } from '@throughcare/contracts';

import type { DeliveryEntity } from './delivery.entity';

export interface DeliveryAttemptView {
  attemptNumber: number;
  startedAt: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** One delivery as `GET /v1/deliveries` answers it; instants are ISO strings. */
export interface DeliveryView {
  /** The `webhook-id` the recipient saw (or will see). */
  deliveryId: string;
  noticeId: string;
  noticeType: string;
  organisationId: string;
  channel: DeliveryChannel;
  status: DeliveryStatusV1;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  replays: number;
  attempts: DeliveryAttemptView[];
}

export interface DeliveryPage {
  deliveries: DeliveryView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface ReplayAccepted {
  deliveryId: string;
  status: 'replay-requested';
}

export function toDeliveryView(row: DeliveryEntity): DeliveryView {
  return {
    deliveryId: row.deliveryId,
    noticeId: row.noticeId,
    noticeType: row.noticeType,
    organisationId: row.organisationId,
    channel: row.channel,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    replays: row.replays,
    attempts: [...row.attempts]
      .sort((a, b) => a.attemptNumber - b.attemptNumber)
      .map((attempt) => ({
        attemptNumber: attempt.attemptNumber,
        startedAt: new Date(attempt.startedAt).toISOString(),
        statusCode: attempt.statusCode ?? null,
        latencyMs: attempt.latencyMs,
        error: attempt.error ?? null,
      })),
  };
}
