import { createHash } from 'node:crypto';

/**
 * The stable `webhook-id` of one notice to one endpoint: the same on every retry and replay, so
 * a subscriber can dedupe (Standard Webhooks). Derived, so a redelivered event maps to the same row.
 */
export function deliveryId(
  noticeId: string,
  organisationId: string,
  subscriptionId: string | null,
): string {
  const digest = createHash('sha256')
    .update(`${noticeId}|${organisationId}|${subscriptionId ?? '-'}`)
    .digest('hex');
  return `msg_${digest.slice(0, 32)}`;
}
