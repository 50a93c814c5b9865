import { createSign, generateKeyPairSync } from 'node:crypto';

import {
  DEFAULT_SNS_HOST_PATTERN,
  isAllowedSnsUrl,
  parseSnsMessage,
  snsStringToSign,
  verifySnsSignature,
  type SnsMessage,
} from './sns-message';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const OTHER_PEM = otherKey.export({ type: 'spki', format: 'pem' }).toString();

function signed(fields: Partial<SnsMessage>, version: '1' | '2' = '2'): SnsMessage {
  const message = {
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:eu-west-2:123456789012:hmpps-domain-events',
    Message: '{"eventType":"x"}',
    Timestamp: '2026-03-02T10:15:00.000Z',
    SignatureVersion: version,
    Signature: '',
    SigningCertURL: 'https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-abc.pem',
    ...fields,
  } as SnsMessage;
  const signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(snsStringToSign(message))
    .sign(privateKey, 'base64');
  return { ...message, Signature: signature };
}

describe(snsStringToSign.name, () => {
  it('lists a notification’s fields in SNS order, Subject only when present', () => {
    expect(snsStringToSign(signed({}))).toBe(
      'Message\n{"eventType":"x"}\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n' +
        'Timestamp\n2026-03-02T10:15:00.000Z\nTopicArn\narn:aws:sns:eu-west-2:123456789012:hmpps-domain-events\n' +
        'Type\nNotification\n',
    );
    expect(snsStringToSign(signed({ Subject: 'S' }))).toContain(
      'MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nS\nTimestamp',
    );
  });

  it('signs SubscribeURL and Token of a subscription confirmation', () => {
    const sut = snsStringToSign(
      signed({ Type: 'SubscriptionConfirmation', SubscribeURL: 'https://u', Token: 't' }),
    );

    expect(sut).toContain('SubscribeURL\nhttps://u\nTimestamp');
    expect(sut).toContain('Token\nt\nTopicArn');
  });
});

describe(verifySnsSignature.name, () => {
  it.each(['1', '2'] as const)(
    'accepts signature version %s made by the certificate’s key',
    (version) => {
      expect(verifySnsSignature(signed({}, version), PUBLIC_PEM)).toBe(true);
    },
  );

  it.each([
    ['another key', (m: SnsMessage) => m, OTHER_PEM],
    ['a changed Message', (m: SnsMessage) => ({ ...m, Message: '{"eventType":"y"}' }), PUBLIC_PEM],
    ['a changed TopicArn', (m: SnsMessage) => ({ ...m, TopicArn: `${m.TopicArn}x` }), PUBLIC_PEM],
    ['an added Subject', (m: SnsMessage) => ({ ...m, Subject: 'S' }), PUBLIC_PEM],
    [
      'version 1 claimed for a version 2 signature',
      (m: SnsMessage) => ({ ...m, SignatureVersion: '1' as const }),
      PUBLIC_PEM,
    ],
    [
      'a signature that is not base64 of one',
      (m: SnsMessage) => ({ ...m, Signature: 'AAAA' }),
      PUBLIC_PEM,
    ],
    ['a certificate that is not one', (m: SnsMessage) => m, 'not a pem'],
  ])('refuses %s', (_case, change, pem) => {
    expect(verifySnsSignature(change(signed({})), pem)).toBe(false);
  });
});

describe(parseSnsMessage.name, () => {
  it('reads a signed notification', () => {
    expect(parseSnsMessage(signed({}))).toMatchObject({ ok: true });
  });

  it.each([
    [
      'unsigned',
      { Signature: undefined },
      'Signature is missing: the message is not a signed SNS message',
    ],
    [
      'without a certificate URL',
      { SigningCertURL: '' },
      'SigningCertURL is missing: the message is not a signed SNS message',
    ],
    ['of an unknown type', { Type: 'Other' }, 'Type is not an SNS message type'],
    ['of signature version 3', { SignatureVersion: '3' }, 'SignatureVersion must be 1 or 2'],
    [
      'a confirmation without its SubscribeURL',
      { Type: 'SubscriptionConfirmation', Token: 't' },
      'SubscribeURL is missing',
    ],
    ['with a Subject that is not a string', { Subject: 7 }, 'Subject must be a string'],
  ])('refuses a message %s', (_case, change, reason) => {
    expect(parseSnsMessage({ ...signed({}), ...change })).toEqual({ ok: false, reason });
  });

  it.each([null, 'text', [], 42])('refuses %p', (body) => {
    expect(parseSnsMessage(body).ok).toBe(false);
  });
});

describe(isAllowedSnsUrl.name, () => {
  const sut = (url: string) => isAllowedSnsUrl(url, new RegExp(DEFAULT_SNS_HOST_PATTERN));

  it.each([
    'https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-abc.pem',
    'https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t',
  ])('allows %s', (url) => {
    expect(sut(url)).toBe(true);
  });

  it.each([
    'http://sns.eu-west-2.amazonaws.com/cert.pem',
    'https://sns.eu-west-2.amazonaws.com.evil.example/cert.pem',
    'https://evil.example/sns.eu-west-2.amazonaws.com/cert.pem',
    'https://user:pw@sns.eu-west-2.amazonaws.com/cert.pem',
    'https://s3.amazonaws.com/cert.pem',
    'not a url',
  ])('refuses %s', (url) => {
    expect(sut(url)).toBe(false);
  });
});
