import { NoticeType, type NoticeDueV1 } from '@throughcare/contracts';

/**
 * Notices loud enough to go by every channel at once: the recipient's webhooks and secure e-mail
 * to its SPOC, not one after the other (NAL-04: naloxone still missing on the morning of release).
 */
const EVERY_CHANNEL: ReadonlySet<string> = new Set([NoticeType.NaloxoneMissingOnReleaseDay]);

/**
 * Where one recipient's copy of a notice goes: each of its webhooks that wants it, or (`null`)
 * secure e-mail to its SPOC when it has none; both for the loudest notices.
 */
export function endpointsFor<Subscription>(
  notice: Pick<NoticeDueV1, 'noticeType'>,
  subscriptions: readonly Subscription[],
): Array<Subscription | null> {
  if (subscriptions.length === 0) return [null];
  return EVERY_CHANNEL.has(notice.noticeType) ? [...subscriptions, null] : [...subscriptions];
}
