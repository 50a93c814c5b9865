import { randomBytes } from 'node:crypto';

import { IsOptional, IsString } from 'class-validator';

import { docsPageEnabled } from './production-refusals';
import { IsHubSecretKey, ServiceEnv } from './service.env';
import { ConfigValidationError, validateEnv } from './validate-env';

/** The variables the api and notifier add to ServiceEnv, declared as they declare them. */
class ServiceWithWebhooksEnv extends ServiceEnv {
  @IsHubSecretKey() HUB_SECRET_KEY!: string;
  @IsOptional() @IsString() WEBHOOK_ALLOWED_HOSTS: string = '';
  @IsOptional() @IsString() WEBHOOK_STATIC_HOSTS: string = '';
  @IsOptional() @IsString() SMTP_URL?: string;
}

const key = () => randomBytes(32).toString('base64');
/** 32 bytes, base64, but typed by hand: one byte value repeated. */
const NOT_RANDOM_KEY = `${'A'.repeat(42)}E=`;

const production = {
  NODE_ENV: 'production',
  PORT: '3000',
  DATABASE_URL: 'postgres://owner@db.internal:5432/throughcare',
  // Production runs each service as its own role (docs/security/database-roles-and-retention.md).
  HUB_SECRET_KEY: key(),
  HUB_FIELD_KEYS: `k1:${key()}`,
  HUB_FIELD_KEY_ID: 'k1',
};

function problems(overrides: Record<string, string | undefined>): string[] {
  try {
    validateEnv(ServiceWithWebhooksEnv, { ...production, ...overrides });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems;
  }
}

describe('production mode refuses unsafe settings at start, one by one', () => {
  it('starts with a safe production configuration (the baseline each case changes once)', () => {
    expect(problems({})).toEqual([]);
  });

  it.each(['HUB_CLOCK_START', 'HUB_CLOCK_ANCHOR'])('refuses the simulated clock: %s', (name) => {
    expect(problems({ [name]: '2026-11-02T08:00:00Z' })).toEqual([
      `${name}: the simulated clock is refused when NODE_ENV=production`,
    ]);
  });

  it('refuses the simulated clock: HUB_CLOCK_SPEED', () => {
    expect(problems({ HUB_CLOCK_SPEED: '30000' })).toEqual([
      'HUB_CLOCK_SPEED: the simulated clock is refused when NODE_ENV=production',
    ]);
  });

  it.each([
    '127.0.0.1',
    '::1',
    '[::1]',
    '10.1.2.3',
    '192.168.0.10',
    '172.16.5.4',
    '169.254.169.254',
    'fd00::1',
    'localhost',
    'sink.localhost',
    'cjit.example.org,127.0.0.1',
  ])('refuses WEBHOOK_ALLOWED_HOSTS=%s, naming the variable and not the host', (hosts) => {
    const found = problems({ WEBHOOK_ALLOWED_HOSTS: hosts });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^WEBHOOK_ALLOWED_HOSTS: 1 loopback, private or link-local host/);
    expect(found[0]).not.toContain(hosts.split(',').at(-1));
  });

  it('allows a named host on the operator network, and loopback outside production', () => {
    expect(problems({ WEBHOOK_ALLOWED_HOSTS: 'cjit-gateway.leeds.internal' })).toEqual([]);
    expect(problems({ NODE_ENV: 'development', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,::1' })).toEqual(
      [],
    );
  });

  it('checks only the variables a service reads: one without webhooks ignores WEBHOOK_*', () => {
    const run = () =>
      validateEnv(ServiceEnv, {
        ...production,
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
        WEBHOOK_STATIC_HOSTS: 'cjit.example=203.0.113.7',
      });
    expect(run).not.toThrow();
  });

  it('refuses WEBHOOK_STATIC_HOSTS (answers before DNS are for tests)', () => {
    expect(problems({ WEBHOOK_STATIC_HOSTS: 'cjit.example=203.0.113.7' })).toEqual([
      'WEBHOOK_STATIC_HOSTS: answers before DNS are for tests only and are refused when NODE_ENV=production',
    ]);
    expect(
      problems({ NODE_ENV: 'test', WEBHOOK_STATIC_HOSTS: 'cjit.example=203.0.113.7' }),
    ).toEqual([]);
  });

  it.each([
    'smtp://relay.example:587?ignoreTLS=true',
    'smtp://relay.example:587?requireTLS=false',
    'smtp://relay.example:587?tls.rejectUnauthorized=false',
  ])('refuses an SMTP_URL that sends without TLS: %s', (url) => {
    expect(problems({ SMTP_URL: url })).toEqual([
      'SMTP_URL: options that send e-mail without TLS are refused when NODE_ENV=production',
    ]);
  });

  it('allows smtps:// and smtp:// (STARTTLS is then required by the notifier)', () => {
    expect(problems({ SMTP_URL: 'smtps://hub:pw@relay.example:465' })).toEqual([]);
    expect(problems({ SMTP_URL: 'smtp://relay.example:587' })).toEqual([]);
  });

  it('refuses a missing HUB_SECRET_KEY, in every mode', () => {
    expect(problems({ HUB_SECRET_KEY: undefined })).toEqual([
      'HUB_SECRET_KEY: HUB_SECRET_KEY must be 32 bytes, base64-encoded',
    ]);
    expect(problems({ NODE_ENV: 'development', HUB_SECRET_KEY: undefined })).toHaveLength(1);
  });

  it('refuses a short HUB_SECRET_KEY without echoing it', () => {
    const short = randomBytes(16).toString('base64');
    const found = problems({ HUB_SECRET_KEY: short });
    expect(found).toEqual(['HUB_SECRET_KEY: HUB_SECRET_KEY must be 32 bytes, base64-encoded']);
    expect(found.join()).not.toContain(short);
  });

  it('refuses a HUB_SECRET_KEY that is not random in production only', () => {
    expect(problems({ HUB_SECRET_KEY: NOT_RANDOM_KEY })).toEqual([
      'HUB_SECRET_KEY: a key that is not random (fewer than 16 distinct bytes) is refused when NODE_ENV=production',
    ]);
    expect(problems({ NODE_ENV: 'development', HUB_SECRET_KEY: NOT_RANDOM_KEY })).toEqual([]);
  });

  it('refuses missing or short HUB_FIELD_KEYS', () => {
    expect(problems({ HUB_FIELD_KEYS: undefined })[0]).toMatch(/^HUB_FIELD_KEYS: /);
    const short = `k1:${randomBytes(16).toString('base64')}`;
    const found = problems({ HUB_FIELD_KEYS: short });
    expect(found[0]).toMatch(/^HUB_FIELD_KEYS: HUB_FIELD_KEYS must be keyId:base64\(32 bytes\)/);
    expect(found.join()).not.toContain(short.slice(3));
  });

  it('refuses any HUB_FIELD_KEYS entry that is not random, old keys included', () => {
    expect(problems({ HUB_FIELD_KEYS: `k1:${key()},k0:${NOT_RANDOM_KEY}` })).toEqual([
      'HUB_FIELD_KEYS: a key that is not random (fewer than 16 distinct bytes) is refused when NODE_ENV=production',
    ]);
  });

  it.each([
    ['production', undefined, false],
    ['production', 'true', true],
    ['production', 'false', false],
    ['development', undefined, true],
    ['test', undefined, true],
    ['development', 'false', false],
  ])('docs page with NODE_ENV=%s and HUB_DOCS_ENABLED=%s: served %s', (nodeEnv, flag, served) => {
    expect(docsPageEnabled(nodeEnv, flag)).toBe(served);
  });
});
