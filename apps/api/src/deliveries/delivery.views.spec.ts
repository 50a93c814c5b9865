import type { DeliveryEntity } from './delivery.entity';
import { toDeliveryView } from './delivery.views';

const ROW: DeliveryEntity = {
  deliveryId: 'msg_0123456789abcdef0123456789abcdef',
  noticeId: '4a3b2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
  noticeType: 'throughcare.notice.release.six-weeks',
  organisationId: 'leeds-cjit',
  subscriptionId: '0b9f6b7e-7d5c-4d53-9a53-5b6f1a0c2b11',
  channel: 'WEBHOOK',
  status: 'DELIVERED',
  createdAt: new Date('2026-11-05T09:00:00.000Z'),
  nextAttemptAt: null,
  deliveredAt: new Date('2026-11-05T09:00:06.000Z'),
  replays: 0,
  attempts: [
    { attemptNumber: 2, startedAt: '2026-11-05T09:00:05+00:00', statusCode: 204, latencyMs: 40 },
    {
      attemptNumber: 1,
      startedAt: '2026-11-05T09:00:00.100Z',
      statusCode: 503,
      latencyMs: 12,
      error: 'HTTP 503',
    },
  ],
  revision: 4,
  receivedAt: new Date('2026-11-05T09:00:07.000Z'),
};

describe(toDeliveryView.name, () => {
  it('answers ISO instants, attempts in order with nulls spelled out, and no bookkeeping', () => {
    expect(toDeliveryView(ROW)).toEqual({
      deliveryId: ROW.deliveryId,
      noticeId: ROW.noticeId,
      noticeType: ROW.noticeType,
      organisationId: 'leeds-cjit',
      channel: 'WEBHOOK',
      status: 'DELIVERED',
      createdAt: '2026-11-05T09:00:00.000Z',
      nextAttemptAt: null,
      deliveredAt: '2026-11-05T09:00:06.000Z',
      replays: 0,
      attempts: [
        {
          attemptNumber: 1,
          startedAt: '2026-11-05T09:00:00.100Z',
          statusCode: 503,
          latencyMs: 12,
          error: 'HTTP 503',
        },
        {
          attemptNumber: 2,
          startedAt: '2026-11-05T09:00:05.000Z',
          statusCode: 204,
          latencyMs: 40,
          error: null,
        },
      ],
    });
  });
});
