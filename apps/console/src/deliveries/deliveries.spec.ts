import { type Delivery, deliveriesForRecipient, noticeName } from './deliveries';

const DELIVERY: Delivery = {
  deliveryId: 'd1',
  noticeId: 'n1',
  noticeType: 'throughcare.notice.release.two-days',
  organisationId: 'leeds-cjit',
  channel: 'WEBHOOK',
  status: 'DELIVERED',
  createdAt: '2026-12-01T09:00:00Z',
  nextAttemptAt: null,
  deliveredAt: '2026-12-01T09:00:01Z',
  replays: 0,
  attempts: [],
};

describe('what a community service sees of its deliveries', () => {
  it('never shows a withheld or stood-down delivery (DIS-05), and counts the rest for its endpoint health', () => {
    const { rows, health } = deliveriesForRecipient([
      DELIVERY,
      { ...DELIVERY, deliveryId: 'd2', status: 'WITHHELD', createdAt: '2026-12-02T09:00:00Z' },
      { ...DELIVERY, deliveryId: 'd3', status: 'FAILED', createdAt: '2026-12-03T09:00:00Z' },
      { ...DELIVERY, deliveryId: 'd4', status: 'PENDING', createdAt: '2026-12-02T10:00:00Z' },
      { ...DELIVERY, deliveryId: 'd5', status: 'STOOD_DOWN' },
    ]);
    expect(rows.map((r) => [r.deliveryId, r.replayable])).toEqual([
      ['d3', true],
      ['d4', false],
      ['d1', true],
    ]);
    expect(health).toEqual({ delivered: 1, failed: 1, pending: 1 });
  });

  it('names notices in words', () => {
    expect(noticeName('throughcare.notice.release.two-days')).toBe('Release in 2 days');
    expect(noticeName('throughcare.notice.bridging-script.requested')).toBe(
      'Bridging script requested',
    );
  });
});
