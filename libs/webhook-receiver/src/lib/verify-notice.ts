import { createHmac, timingSafeEqual } from 'node:crypto';

// Verifies a Throughcare Hub notice as Standard Webhooks (www.standardwebhooks.com) define it:
// `webhook-signature` carries one or more space-separated `v1,<base64 HMAC-SHA256>` over
// `${webhook-id}.${webhook-timestamp}.${raw body}`, keyed with the bytes of a `whsec_<base64>`
// secret. Node built-ins only, so a subscriber can copy this file as it is.

/** Why a notice was refused. Only `bad-secret` is the receiver's own fault (its configuration). */
export type NoticeVerificationReason =
  'missing-headers' | 'stale-timestamp' | 'bad-signature' | 'bad-secret' | 'bad-json';

export class NoticeVerificationError extends Error {
  override readonly name = 'NoticeVerificationError';

  constructor(
    readonly reason: NoticeVerificationReason,
    message: string,
  ) {
    super(message);
  }
}

export type NoticeHeaders = Record<string, string | string[] | undefined>;

export interface VerifyNoticeOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300 s, as Standard Webhooks). */
  toleranceSeconds?: number;
  /** The current time in milliseconds since the epoch (default `Date.now`); tests fix it. */
  now?: () => number;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const TIMESTAMP = /^\d{1,15}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks a notice on the RAW request body (the bytes as received, before any JSON parsing or
 * re-encoding) and returns its parsed JSON payload (a CloudEvent; `payload.id` equals the
 * `webhook-id`). Throws {@link NoticeVerificationError} otherwise.
 *
 * `secrets` may hold several secrets (your own rotation: the old and the new one); `webhook-signature`
 * may hold several signatures (the hub's rotation overlap). One match of any pair is enough.
 * Header names are matched case-insensitively. The payload's shape is not checked here.
 */
export function verifyNotice<T = unknown>(
  rawBody: string | Buffer,
  headers: NoticeHeaders,
  secrets: string | readonly string[],
  options: VerifyNoticeOptions = {},
): T {
  const keys = decodeSecrets(secrets);
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signatureHeader = headerValues(headers, 'webhook-signature').join(' ').trim();
  if (!id || !timestamp || !signatureHeader)
    throw new NoticeVerificationError(
      'missing-headers',
      'webhook-id, webhook-timestamp and webhook-signature are all required',
    );
  if (!TIMESTAMP.test(timestamp))
    throw new NoticeVerificationError(
      'missing-headers',
      'webhook-timestamp must be a Unix time in seconds',
    );

  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds)
    throw new NoticeVerificationError(
      'stale-timestamp',
      `webhook-timestamp is more than ${toleranceSeconds} s away from now`,
    );

  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const given = signatureHeader
    .split(/\s+/)
    .map((versioned) => versioned.split(','))
    .filter(([version, signature]) => version === 'v1' && signature)
    .map(([, signature]) => Buffer.from(signature as string, 'utf8'));
  let matched = false;
  for (const key of keys) {
    const expected = Buffer.from(sign(key, id, timestamp, body), 'utf8');
    for (const candidate of given) {
      // Compared as the base64 text, like the reference libraries: no lenient decoding.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected))
        matched = true;
    }
  }
  if (!matched)
    throw new NoticeVerificationError(
      'bad-signature',
      'no v1 signature matches any of the configured secrets',
    );

  try {
    return JSON.parse(utf8.decode(body)) as T;
  } catch {
    throw new NoticeVerificationError('bad-json', 'the signed body is not UTF-8 JSON');
  }
}

/**
 * Throws `bad-secret` unless every secret is `whsec_` followed by non-empty base64 (the prefix
 * may be left off, as the reference libraries allow). Call it at start-up to fail fast.
 */
export function assertValidSecrets(secrets: string | readonly string[]): void {
  decodeSecrets(secrets);
}

/** The first value of a header, whatever the case of its name. */
export function headerValue(headers: NoticeHeaders, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

function headerValues(headers: NoticeHeaders, name: string): string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      const trimmed = one.trim();
      if (trimmed) values.push(trimmed);
    }
  }
  return values;
}

function decodeSecrets(secrets: string | readonly string[]): Buffer[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new NoticeVerificationError('bad-secret', 'no secret configured');
  return list.map((secret, index) => {
    const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
    // The secret itself never goes into the message: only its position.
    if (encoded.length === 0 || !BASE64.test(encoded))
      throw new NoticeVerificationError(
        'bad-secret',
        `secret #${index + 1} is not whsec_ followed by base64`,
      );
    return Buffer.from(encoded, 'base64');
  });
}

function sign(key: Buffer, id: string, timestamp: string, body: Buffer): string {
  return createHmac('sha256', key)
    .update(`${id}.${timestamp}.`, 'utf8')
    .update(body)
    .digest('base64');
}
