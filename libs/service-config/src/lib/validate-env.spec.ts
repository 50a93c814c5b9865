import { randomBytes } from 'node:crypto';

import { ServiceEnv } from './service.env';
import { ConfigValidationError, validateEnv } from './validate-env';

describe(validateEnv.name, () => {
  const fieldKey = randomBytes(32).toString('base64');
  const base = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/throughcare',
    PORT: '3000',
    HUB_FIELD_KEYS: `k1:${fieldKey}`,
    HUB_FIELD_KEY_ID: 'k1',
  };

  it('applies defaults and converts numbers', () => {
    const env = validateEnv(ServiceEnv, base);
    expect(env.PORT).toBe(3000);
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('names every bad variable and never echoes its value', () => {
    const secretLooking = 'postgres-password-s3cr3t';
    const run = () =>
      validateEnv(ServiceEnv, { ...base, PORT: 'eighty', DATABASE_URL: secretLooking });
    expect(run).toThrow(ConfigValidationError);
    try {
      run();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT:');
      expect(message).toContain('DATABASE_URL:');
      expect(message).not.toContain(secretLooking);
    }
  });

  it('refuses the simulated clock in production', () => {
    const run = () =>
      validateEnv(ServiceEnv, {
        ...base,
        NODE_ENV: 'production',
        HUB_CLOCK_START: '2026-11-02T08:00:00Z',
      });
    expect(run).toThrow(/HUB_CLOCK_START: the simulated clock is refused/);
  });

  it('refuses field keys that are malformed or a current key id that is not listed', () => {
    expect(() => validateEnv(ServiceEnv, { ...base, HUB_FIELD_KEY_ID: 'k2' })).toThrow(
      /HUB_FIELD_KEY_ID must name one of the keys in HUB_FIELD_KEYS/,
    );
    const short = `k1:${randomBytes(16).toString('base64')}`;
    const run = () => validateEnv(ServiceEnv, { ...base, HUB_FIELD_KEYS: short });
    expect(run).toThrow(/HUB_FIELD_KEYS must be keyId:base64\(32 bytes\)/);
    expect(run).not.toThrow(short.slice(3));
  });
});
