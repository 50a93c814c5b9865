import { redactCredentials, redactUrl, redactingDestination } from './credential-redaction';

const ADMIN_KEY = 'a3f9'.repeat(12);
const SECRET_KEY = 'q'.repeat(42) + 'A=';

describe(redactCredentials.name, () => {
  it.each([
    ['a query string', '/v1/deliveries?api_key=thk_abcdef0123456789abcdef', 'thk_abcdef'],
    [
      'a query string on a URL',
      'POST https://cjit.example/hook?token=s3cr3t-v4lue failed',
      's3cr3t',
    ],
    [
      'a password in a connection string',
      'connect postgres://hub:hunter2pw@db:5432/x',
      'hunter2pw',
    ],
    ['a password in a redis URL', 'redis://:r3dispass@127.0.0.1:6379', 'r3dispass'],
    ['a bearer token', 'Authorization: Bearer zyx987-opaque-token', 'zyx987'],
    ['an API key anywhere', 'key thk_Zm9vYmFyYmF6cXV4 leaked', 'Zm9vYmFyYmF6cXV4'],
    ['a webhook secret', 'secret whsec_c2VjcmV0c2VjcmV0c2VjcmV0', 'c2VjcmV0c2VjcmV0'],
    ['a JSON password field', '{"password":"pa55word!"}', 'pa55word'],
    ['an escaped JSON secret field', '{"msg":"body {\\"secret\\":\\"shh-value\\"}"}', 'shh-value'],
    ['an api-key header written out', 'x-api-key: 0123abcdzz', '0123abcdzz'],
    ['a hex admin key', `admin ${ADMIN_KEY} used`, ADMIN_KEY],
    ['a base64 32-byte key', `sealed with ${SECRET_KEY}`, SECRET_KEY],
  ])('removes %s', (_name, line, secret) => {
    const redacted = redactCredentials(line);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[redacted]');
  });

  it('keeps the ids logs are for, and a JSON line stays valid JSON', () => {
    const line = JSON.stringify({
      msg: 'transfer 9b2c8e0e-3d7f-4c55-9a77-3c7f1c2d9b10 for A1234BC: TRANSFERRED',
      req: { url: '/v1/people/A1234BC/consent?api_key=thk_secretsecret' },
      err: 'connect ECONNREFUSED postgres://u:p4ss@127.0.0.1:5432/db',
    });
    const redacted = redactCredentials(line);
    const parsed = JSON.parse(redacted) as { msg: string; req: { url: string }; err: string };
    expect(parsed.msg).toContain('9b2c8e0e-3d7f-4c55-9a77-3c7f1c2d9b10 for A1234BC');
    expect(parsed.req.url).toBe('/v1/people/A1234BC/consent?[redacted]');
    expect(parsed.err).toBe('connect ECONNREFUSED postgres://u:[redacted]@127.0.0.1:5432/db');
  });
});

describe(redactUrl.name, () => {
  it('keeps the path and drops the query string', () => {
    expect(redactUrl('/v1/deliveries?api_key=x&status=FAILED')).toBe('/v1/deliveries?[redacted]');
    expect(redactUrl('/v1/deliveries')).toBe('/v1/deliveries');
    expect(redactUrl(undefined)).toBe('');
  });
});

describe(redactingDestination.name, () => {
  it('writes each line redacted', () => {
    const written: string[] = [];
    redactingDestination({ write: (chunk: string) => written.push(chunk) }).write(
      '{"url":"/v1/x?api_key=thk_abc"}\n',
    );
    expect(written).toEqual(['{"url":"/v1/x?[redacted]"}\n']);
  });
});
