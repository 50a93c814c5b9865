import { createHmac, randomBytes } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import {
  NoticeVerificationError,
  assertValidSecrets,
  headerValue,
  verifyNotice,
  type NoticeHeaders,
  type NoticeVerificationReason,
} from './verify-notice';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const SENT_AT = new Date('2025-06-02T09:30:00Z');
const at = (offsetSeconds: number) => () => SENT_AT.getTime() + offsetSeconds * 1000;
const now = at(0);

const notice = {
  specversion: '1.0',
  id: 'msg_0123456789abcdef0123456789abcdef',
  source: 'urn:throughcare-hub',
  type: 'throughcare.notice.release.six-weeks',
  subject: 'A1234BC',
  time: '2025-06-02T09:30:00Z',
  datacontenttype: 'application/json',
  // Non-ASCII on purpose: the HMAC is over the UTF-8 bytes.
  data: { prisonSpoc: 'Zoë Ní Bhriain', releaseOn: '2025-07-14' },
};
const body = JSON.stringify(notice);

/** Headers as the reference `standardwebhooks` package signs them, one signature per secret. */
function signedBy(secrets: string[], payload: string | Buffer = body, id = notice.id) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(SENT_AT.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(id, SENT_AT, payload))
      .join(' '),
  };
}

function reasonOf(action: () => unknown): NoticeVerificationReason | 'no error' {
  try {
    action();
  } catch (error) {
    if (error instanceof NoticeVerificationError) return error.reason;
    throw error;
  }
  return 'no error';
}

describe('verifyNotice', () => {
  const secret = newSecret();

  it('accepts a notice signed by the reference library and returns its parsed payload', () => {
    expect(verifyNotice(body, signedBy([secret]), secret, { now })).toEqual(notice);
  });

  it('verifies the raw bytes when given a Buffer', () => {
    const raw = Buffer.from(body, 'utf8');
    expect(verifyNotice(raw, signedBy([secret], raw), secret, { now })).toEqual(notice);
  });

  it('agrees with the reference verifier on the same request', () => {
    const headers = signedBy([secret]);
    jest.useFakeTimers({ now: SENT_AT });
    try {
      expect(verifyNotice(body, headers, secret)).toEqual(
        new Webhook(secret).verify(body, headers),
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a body with one byte changed (bad-signature)', () => {
    const headers = signedBy([secret]);
    const raw = Buffer.from(body, 'utf8');
    for (const index of [0, Math.floor(raw.length / 2), raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index] = tampered[index]! ^ 0x01;
      expect(reasonOf(() => verifyNotice(tampered, headers, secret, { now }))).toBe(
        'bad-signature',
      );
    }
  });

  it('refuses a body re-serialised after parsing (whitespace differs)', () => {
    const headers = signedBy([secret]);
    const reserialised = JSON.stringify(notice, null, 2);
    expect(reasonOf(() => verifyNotice(reserialised, headers, secret, { now }))).toBe(
      'bad-signature',
    );
  });

  it('refuses a signature made with another secret, or for another webhook-id', () => {
    expect(reasonOf(() => verifyNotice(body, signedBy([newSecret()]), secret, { now }))).toBe(
      'bad-signature',
    );
    const headers = { ...signedBy([secret]), 'webhook-id': 'msg_another' };
    expect(reasonOf(() => verifyNotice(body, headers, secret, { now }))).toBe('bad-signature');
  });

  it('refuses unknown signature versions and malformed signatures', () => {
    const valid = signedBy([secret])['webhook-signature'].slice('v1,'.length);
    for (const signature of [`v2,${valid}`, valid, 'v1,', `v1,${valid}=`, `v1,${valid.slice(1)}`]) {
      const headers = { ...signedBy([secret]), 'webhook-signature': signature };
      expect(reasonOf(() => verifyNotice(body, headers, secret, { now }))).toBe('bad-signature');
    }
  });

  describe('timestamp tolerance', () => {
    const headers = signedBy([secret]);

    it('accepts a timestamp within 300 s either way by default', () => {
      expect(verifyNotice(body, headers, secret, { now: at(300) })).toEqual(notice);
      expect(verifyNotice(body, headers, secret, { now: at(-300) })).toEqual(notice);
    });

    it('refuses a timestamp too old or too far in the future (stale-timestamp)', () => {
      expect(reasonOf(() => verifyNotice(body, headers, secret, { now: at(301) }))).toBe(
        'stale-timestamp',
      );
      expect(reasonOf(() => verifyNotice(body, headers, secret, { now: at(-301) }))).toBe(
        'stale-timestamp',
      );
    });

    it('honours a custom tolerance', () => {
      const options = { now: at(61), toleranceSeconds: 60 };
      expect(reasonOf(() => verifyNotice(body, headers, secret, options))).toBe('stale-timestamp');
      expect(verifyNotice(body, headers, secret, { ...options, now: at(60) })).toEqual(notice);
    });

    it('checks the timestamp before the signature', () => {
      const forged = { ...headers, 'webhook-signature': 'v1,forged' };
      expect(reasonOf(() => verifyNotice(body, forged, secret, { now: at(3600) }))).toBe(
        'stale-timestamp',
      );
    });
  });

  describe('secret rotation', () => {
    const oldSecret = newSecret();
    const currentSecret = newSecret();

    it("accepts either of the subscriber's own secrets (old and new)", () => {
      const secrets = [oldSecret, currentSecret];
      expect(verifyNotice(body, signedBy([oldSecret]), secrets, { now })).toEqual(notice);
      expect(verifyNotice(body, signedBy([currentSecret]), secrets, { now })).toEqual(notice);
      expect(verifyNotice(body, signedBy([currentSecret]), secrets.reverse(), { now })).toEqual(
        notice,
      );
    });

    it('accepts a header with two signatures where only the second matches', () => {
      const headers = signedBy([oldSecret, currentSecret]);
      expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(verifyNotice(body, headers, currentSecret, { now })).toEqual(notice);
      expect(verifyNotice(body, headers, oldSecret, { now })).toEqual(notice);
    });

    it('refuses when none of several signatures matches any of several secrets', () => {
      const headers = signedBy([newSecret(), newSecret()]);
      expect(reasonOf(() => verifyNotice(body, headers, [oldSecret, currentSecret], { now }))).toBe(
        'bad-signature',
      );
    });
  });

  describe('headers', () => {
    it('matches header names whatever their case', () => {
      const headers = Object.fromEntries(
        Object.entries(signedBy([secret])).map(([name, value]) => [name.toUpperCase(), value]),
      );
      expect(verifyNotice(body, headers, secret, { now })).toEqual(notice);
      expect(headerValue({ 'Webhook-Id': 'msg_1' }, 'webhook-id')).toBe('msg_1');
    });

    it('accepts signatures split over repeated header lines', () => {
      const other = newSecret();
      const { 'webhook-signature': signatures, ...rest } = signedBy([other, secret]);
      const headers: NoticeHeaders = { ...rest, 'webhook-signature': signatures.split(' ') };
      expect(verifyNotice(body, headers, secret, { now })).toEqual(notice);
    });

    it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
      'refuses a request without %s (missing-headers)',
      (name) => {
        const headers: NoticeHeaders = { ...signedBy([secret]) };
        delete headers[name];
        expect(reasonOf(() => verifyNotice(body, headers, secret, { now }))).toBe(
          'missing-headers',
        );
        expect(
          reasonOf(() => verifyNotice(body, { ...headers, [name]: '' }, secret, { now })),
        ).toBe('missing-headers');
      },
    );

    it('refuses a timestamp that is not Unix seconds (missing-headers)', () => {
      for (const timestamp of ['2025-06-02T09:30:00Z', '1748856600.5', '-1', 'abc']) {
        const headers = { ...signedBy([secret]), 'webhook-timestamp': timestamp };
        expect(reasonOf(() => verifyNotice(body, headers, secret, { now }))).toBe(
          'missing-headers',
        );
      }
    });
  });

  describe('secrets', () => {
    it.each([
      ['no secret', []],
      ['an empty secret', ['whsec_']],
      ['a secret that is not base64', ['whsec_not base64!']],
      ['one bad secret among good ones', [newSecret(), 'whsec_%%%']],
    ])('refuses %s (bad-secret)', (_, secrets: string[]) => {
      expect(reasonOf(() => verifyNotice(body, signedBy([newSecret()]), secrets, { now }))).toBe(
        'bad-secret',
      );
      expect(reasonOf(() => assertValidSecrets(secrets))).toBe('bad-secret');
    });

    it('accepts a secret without its whsec_ prefix, as the reference libraries do', () => {
      expect(
        verifyNotice(body, signedBy([secret]), secret.slice('whsec_'.length), { now }),
      ).toEqual(notice);
    });

    it('never puts a secret in the error message', () => {
      const bad = 'whsec_s3cr3t!';
      expect(() => assertValidSecrets([bad])).toThrow(/secret #1/);
      expect(() => assertValidSecrets([bad])).not.toThrow(/s3cr3t/);
    });
  });

  describe('body', () => {
    it('refuses a correctly signed body that is not JSON (bad-json)', () => {
      const raw = '{"id": "msg_1",';
      expect(reasonOf(() => verifyNotice(raw, signedBy([secret], raw), secret, { now }))).toBe(
        'bad-json',
      );
    });

    it('refuses a correctly signed body that is not UTF-8 (bad-json)', () => {
      const raw = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]);
      const timestamp = String(Math.floor(SENT_AT.getTime() / 1000));
      // Signed over the bytes themselves (the reference would sign Buffer.toString() instead).
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      const signature = createHmac('sha256', key)
        .update(`${notice.id}.${timestamp}.`)
        .update(raw)
        .digest('base64');
      const headers = {
        'webhook-id': notice.id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signature}`,
      };
      expect(reasonOf(() => verifyNotice(raw, headers, secret, { now }))).toBe('bad-json');
    });

    it('refuses an empty body even when signed (bad-json)', () => {
      expect(reasonOf(() => verifyNotice('', signedBy([secret], ''), secret, { now }))).toBe(
        'bad-json',
      );
    });
  });
});
