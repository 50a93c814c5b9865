import { createVerify } from 'node:crypto';

// Amazon SNS HTTP(S) delivery (docs/hmpps-adapter.md, HMPPS-4): the JSON body, the fields each
// message type signs, in this order, and signature versions 1 (SHA1withRSA) and 2 (SHA256withRSA).

export type SnsMessageType =
  'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

export interface SnsMessage {
  Type: SnsMessageType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: '1' | '2';
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

const SIGNED_FIELDS: Readonly<Record<SnsMessageType, readonly (keyof SnsMessage)[]>> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
  UnsubscribeConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
};

const REQUIRED: readonly (keyof SnsMessage)[] = [
  'Type',
  'MessageId',
  'TopicArn',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
];

export type SnsParseResult = { ok: true; message: SnsMessage } | { ok: false; reason: string };

/** Reads an SNS body; an unsigned message, or one of another shape, is refused with a reason. */
export function parseSnsMessage(body: unknown): SnsParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, reason: 'the body is not an SNS message' };
  const fields = body as Record<string, unknown>;
  for (const name of REQUIRED) {
    if (typeof fields[name] !== 'string' || fields[name] === '')
      return { ok: false, reason: `${name} is missing: the message is not a signed SNS message` };
  }
  const type = fields['Type'] as string;
  if (!(type in SIGNED_FIELDS)) return { ok: false, reason: 'Type is not an SNS message type' };
  if (fields['SignatureVersion'] !== '1' && fields['SignatureVersion'] !== '2')
    return { ok: false, reason: 'SignatureVersion must be 1 or 2' };
  for (const name of SIGNED_FIELDS[type as SnsMessageType]) {
    if (name !== 'Subject' && typeof fields[name] !== 'string')
      return { ok: false, reason: `${name} is missing` };
  }
  if (fields['Subject'] !== undefined && typeof fields['Subject'] !== 'string')
    return { ok: false, reason: 'Subject must be a string' };
  return { ok: true, message: snsMessageOf(fields, type as SnsMessageType) };
}

/** The checked fields as an SnsMessage: the required ones are strings, the optional ones kept if so. */
function snsMessageOf(fields: Record<string, unknown>, type: SnsMessageType): SnsMessage {
  const text = (name: keyof SnsMessage) => String(fields[name]);
  const optional = (name: 'Subject' | 'SubscribeURL' | 'Token') =>
    typeof fields[name] === 'string' ? { [name]: fields[name] } : {};
  return {
    Type: type,
    MessageId: text('MessageId'),
    TopicArn: text('TopicArn'),
    Message: text('Message'),
    Timestamp: text('Timestamp'),
    SignatureVersion: fields['SignatureVersion'] === '2' ? '2' : '1',
    Signature: text('Signature'),
    SigningCertURL: text('SigningCertURL'),
    ...optional('Subject'),
    ...optional('SubscribeURL'),
    ...optional('Token'),
  };
}

/** The string SNS signs: each signed field present as `name\nvalue\n`, in its order. */
export function snsStringToSign(message: SnsMessage): string {
  return SIGNED_FIELDS[message.Type]
    .filter((name) => message[name] !== undefined)
    .map((name) => `${name}\n${message[name] as string}\n`)
    .join('');
}

export function verifySnsSignature(message: SnsMessage, certificatePem: string): boolean {
  const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
  try {
    return createVerify(algorithm)
      .update(snsStringToSign(message), 'utf8')
      .verify(certificatePem, message.Signature, 'base64');
  } catch {
    return false;
  }
}

/**
 * The signing certificate (and a SubscribeURL) must be fetched over HTTPS from a host the
 * configuration allows: `sns.<region>.amazonaws.com` by default, so a forged message cannot
 * point at a certificate of its author's making (HMPPS-4).
 */
export function isAllowedSnsUrl(value: string, hostPattern: RegExp): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return hostPattern.test(url.hostname);
}

export const DEFAULT_SNS_HOST_PATTERN = '^sns\\.[a-z0-9-]+\\.amazonaws\\.com$';
