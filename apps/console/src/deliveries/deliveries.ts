import { noticeName } from './notice-names';
import { readableNotice, type NoticeBody, type ReadableNotice } from './readable-notice';

export { noticeName } from './notice-names';

/** A delivery as `GET /v1/deliveries` answers (docs/hub-interface.md §3): no personal data. */
export interface Delivery {
  /** The notice as this organisation was sent it, where the API gives it (docs/console.md). */
  notice?: NoticeBody;
  deliveryId: string;
  noticeId: string;
  noticeType: string;
  organisationId: string;
  channel: string;
  status: string;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  replays: number;
  attempts: Array<{
    attemptNumber: number;
    startedAt: string;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
  }>;
}

/** Deliveries that may be replayed: delivered or failed ones (docs/hub-interface.md §3). */
export const REPLAYABLE = ['DELIVERED', 'FAILED'];

/**
 * What a community service or probation sees of its deliveries: never a withheld one (the
 * disclosure rules sent them nothing, DIS-05), newest first; and its endpoint's health in one
 * line, from the latest deliveries.
 */
export function deliveriesForRecipient(deliveries: Delivery[]): {
  rows: Array<
    Omit<Delivery, 'notice'> & { name: string; replayable: boolean; notice?: ReadableNotice }
  >;
  health: { delivered: number; failed: number; pending: number };
} {
  const shown = deliveries
    .filter((d) => d.status !== 'WITHHELD' && d.status !== 'STOOD_DOWN')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const count = (status: string) => shown.filter((d) => d.status === status).length;
  return {
    rows: shown.map((d) => ({
      ...d,
      name: noticeName(d.noticeType),
      replayable: REPLAYABLE.includes(d.status),
      notice: d.notice ? readableNotice(d.notice) : undefined,
    })),
    health: {
      delivered: count('DELIVERED'),
      failed: count('FAILED'),
      pending: count('PENDING') + count('PAUSED'),
    },
  };
}
