import { createHash } from 'node:crypto';

// A fixed namespace for the adapter's name-based ids (RFC 9562 UUIDv5).
const NAMESPACE = Buffer.from('6f1c2a0e4b7d4c55a1f3d2b8e9c07a41', 'hex');

/**
 * The hub eventId for one effect of one HMPPS message: the same message redelivered (SNS
 * retries, a replayed Kafka offset, both entries at once) gives the same id, and the hub
 * records an eventId once (HMPPS-5).
 */
export function hubEventId(hmppsMessageId: string, effect: string): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update(`${hmppsMessageId}\u0000${effect}`)
    .digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id of a bare HMPPS event (one bridged without its SNS envelope): a digest of its bytes,
 * so the same event re-sent is recognised, and two different events never share an id.
 */
export function bareEventMessageId(body: string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** The HMPPS event behind a hub event, named on the person's timeline in the hub (HMPPS-7). */
export function hmppsSource(messageId: string): { system: 'HMPPS'; eventId: string } {
  return { system: 'HMPPS', eventId: messageId };
}
