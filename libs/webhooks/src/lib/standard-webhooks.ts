import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Standard Webhooks (www.standardwebhooks.com), as Svix signs: the secret is `whsec_` + base64
// key bytes; the signature is base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, sent as
// `v1,<sig>`, several space-separated while secrets rotate.

const SECRET_PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

export function computeSignature(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  return createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
}

/** Headers for one attempt; every secret in `secrets` signs, so receivers on either verify. */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): WebhookHeaders {
  const signatures = secrets.map((s) => `v1,${computeSignature(s, id, timestampSeconds, body)}`);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}

export class WebhookVerificationError extends Error {}

/** Subscriber side: throws unless a v1 signature matches and the timestamp is fresh. */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): void {
  const id = single(headers['webhook-id']);
  const timestamp = Number(single(headers['webhook-timestamp']));
  const signatureHeader = single(headers['webhook-signature']);
  if (!id || !signatureHeader || !Number.isInteger(timestamp)) {
    throw new WebhookVerificationError('missing webhook headers');
  }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError('webhook timestamp outside tolerance');
  }
  const expected = Buffer.from(computeSignature(secret, id, timestamp, body));
  const matches = signatureHeader.split(' ').some((candidate) => {
    const [version, signature] = candidate.split(',');
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError('no matching signature');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
